CREATE TABLE "analytics"."members" (
	"user_id" text PRIMARY KEY NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "analytics"."processed_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."record_facts" (
	"user_id" text NOT NULL,
	"exercise_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" double precision NOT NULL,
	"session_id" text NOT NULL,
	"achieved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "record_facts_user_id_exercise_id_kind_pk" PRIMARY KEY("user_id","exercise_id","kind")
);
--> statement-breakpoint
CREATE TABLE "analytics"."reports" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "analytics"."revenue_facts" (
	"payment_id" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"amount_cents" double precision NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."session_facts" (
	"session_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"volume_kg" double precision NOT NULL,
	"exercise_ids" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth"."outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications"."inbox" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications"."preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"push" boolean DEFAULT false NOT NULL,
	"quiet_start" text,
	"quiet_end" text,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"email_address" text,
	"display_name" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."processed_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users"."outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "members_registered_at_idx" ON "analytics"."members" USING btree ("registered_at");--> statement-breakpoint
CREATE INDEX "analytics_outbox_unpublished_idx" ON "analytics"."outbox" USING btree ("created_at") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "reports_user_id_created_at_idx" ON "analytics"."reports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "revenue_facts_occurred_at_idx" ON "analytics"."revenue_facts" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "session_facts_user_id_started_at_idx" ON "analytics"."session_facts" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "session_facts_started_at_idx" ON "analytics"."session_facts" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "auth_outbox_unpublished_idx" ON "auth"."outbox" USING btree ("created_at") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "inbox_user_id_created_at_idx" ON "notifications"."inbox" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "inbox_unread_idx" ON "notifications"."inbox" USING btree ("user_id","created_at","id") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "users_outbox_unpublished_idx" ON "users"."outbox" USING btree ("created_at") WHERE published_at is null;