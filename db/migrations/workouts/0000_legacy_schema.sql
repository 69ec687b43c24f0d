-- IF NOT EXISTS: the migrator creates the schema first, for its bookkeeping table.
CREATE SCHEMA IF NOT EXISTS "workouts";
--> statement-breakpoint
CREATE TABLE "workouts"."exercises" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"primary_muscles" text[] NOT NULL,
	"secondary_muscles" text[] DEFAULT '{}' NOT NULL,
	"equipment" text NOT NULL,
	"instructions" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workouts"."outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workouts"."personal_bests" (
	"user_id" text NOT NULL,
	"exercise_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" double precision NOT NULL,
	"session_id" text NOT NULL,
	"achieved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "personal_bests_user_id_exercise_id_kind_pk" PRIMARY KEY("user_id","exercise_id","kind")
);
--> statement-breakpoint
CREATE TABLE "workouts"."plans" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"level" text NOT NULL,
	"exercises" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workouts"."processed_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workouts"."sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"client_id" text NOT NULL,
	"workout_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"notes" text DEFAULT '' NOT NULL,
	"entries" jsonb NOT NULL,
	"volume_kg" double precision NOT NULL,
	"personal_records" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "exercises_search_idx" ON "workouts"."exercises" USING gin ("search");--> statement-breakpoint
CREATE INDEX "exercises_primary_muscles_idx" ON "workouts"."exercises" USING gin ("primary_muscles");--> statement-breakpoint
CREATE INDEX "exercises_name_id_idx" ON "workouts"."exercises" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "exercises_equipment_name_id_idx" ON "workouts"."exercises" USING btree ("equipment","name","id");--> statement-breakpoint
CREATE INDEX "exercises_category_name_id_idx" ON "workouts"."exercises" USING btree ("category","name","id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "workouts"."outbox" USING btree ("created_at") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "plans_owner_id_created_at_idx" ON "workouts"."plans" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_user_id_client_id_key" ON "workouts"."sessions" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_started_at_idx" ON "workouts"."sessions" USING btree ("user_id","started_at","id");