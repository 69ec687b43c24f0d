CREATE TABLE "notifications"."devices" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expo_push_token" text NOT NULL,
	"platform" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications"."push_tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications"."preferences" ALTER COLUMN "push" SET DEFAULT true;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_expo_push_token_idx" ON "notifications"."devices" USING btree ("expo_push_token");--> statement-breakpoint
CREATE INDEX "devices_user_id_created_at_idx" ON "notifications"."devices" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_outbox_unpublished_idx" ON "notifications"."outbox" USING btree ("created_at") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "push_tickets_created_at_idx" ON "notifications"."push_tickets" USING btree ("created_at");