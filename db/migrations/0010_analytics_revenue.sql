-- Revenue rows become money movements: a payment and, at most once, its refund.
ALTER TABLE "analytics"."revenue_facts" DROP CONSTRAINT "revenue_facts_pkey";--> statement-breakpoint
ALTER TABLE "analytics"."revenue_facts" ADD COLUMN "kind" text DEFAULT 'payment' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics"."revenue_facts" ALTER COLUMN "amount_cents" SET DATA TYPE integer USING round("amount_cents")::integer;--> statement-breakpoint
ALTER TABLE "analytics"."revenue_facts" ADD CONSTRAINT "revenue_facts_payment_id_kind_pk" PRIMARY KEY("payment_id","kind");
