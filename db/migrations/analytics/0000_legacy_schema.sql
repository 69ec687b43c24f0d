-- IF NOT EXISTS: the migrator creates the schema first, for its bookkeeping table.
CREATE SCHEMA IF NOT EXISTS "analytics";
--> statement-breakpoint
CREATE TABLE "analytics"."erased_users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
	"payment_id" text NOT NULL,
	"kind" text DEFAULT 'payment' NOT NULL,
	"user_id" text,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "revenue_facts_payment_id_kind_pk" PRIMARY KEY("payment_id","kind")
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
CREATE INDEX "members_registered_at_idx" ON "analytics"."members" USING btree ("registered_at");--> statement-breakpoint
CREATE INDEX "analytics_outbox_unpublished_idx" ON "analytics"."outbox" USING btree ("created_at") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "reports_user_id_created_at_idx" ON "analytics"."reports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "revenue_facts_occurred_at_idx" ON "analytics"."revenue_facts" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "session_facts_user_id_started_at_idx" ON "analytics"."session_facts" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "session_facts_started_at_idx" ON "analytics"."session_facts" USING btree ("started_at");