CREATE TABLE "analytics"."active_runs" (
	"user_id" text NOT NULL,
	"start_day" date NOT NULL,
	"end_day" date NOT NULL,
	CONSTRAINT "active_runs_user_id_start_day_pk" PRIMARY KEY("user_id","start_day")
);
--> statement-breakpoint
CREATE TABLE "analytics"."summary_totals" (
	"user_id" text PRIMARY KEY NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"volume_kg" double precision DEFAULT 0 NOT NULL,
	"longest_streak_days" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."weekly_totals" (
	"user_id" text NOT NULL,
	"week_start" date NOT NULL,
	"sessions" integer NOT NULL,
	"volume_kg" double precision NOT NULL,
	CONSTRAINT "weekly_totals_user_id_week_start_pk" PRIMARY KEY("user_id","week_start")
);
--> statement-breakpoint
CREATE INDEX "active_runs_user_id_end_day_idx" ON "analytics"."active_runs" USING btree ("user_id","end_day");