-- IF NOT EXISTS: the migrator creates the schema first, for its bookkeeping table.
CREATE SCHEMA IF NOT EXISTS "inventory";
--> statement-breakpoint
CREATE TABLE "inventory"."items" (
	"sku" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'in_service' NOT NULL,
	"low_stock_threshold" integer DEFAULT 0 NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "items_sku_format" CHECK ("inventory"."items"."sku" ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
	CONSTRAINT "items_type" CHECK ("inventory"."items"."type" in ('product', 'equipment')),
	CONSTRAINT "items_status" CHECK ("inventory"."items"."status" in ('in_service', 'maintenance', 'retired')),
	CONSTRAINT "items_currency_format" CHECK ("inventory"."items"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "items_price_cents_nonnegative" CHECK ("inventory"."items"."price_cents" >= 0),
	CONSTRAINT "items_low_stock_threshold_nonnegative" CHECK ("inventory"."items"."low_stock_threshold" >= 0),
	CONSTRAINT "items_on_hand_nonnegative" CHECK ("inventory"."items"."on_hand" >= 0),
	CONSTRAINT "items_reserved_nonnegative" CHECK ("inventory"."items"."reserved" >= 0),
	CONSTRAINT "items_reserved_within_on_hand" CHECK ("inventory"."items"."reserved" <= "inventory"."items"."on_hand"),
	CONSTRAINT "items_maintenance_is_equipment" CHECK ("inventory"."items"."status" <> 'maintenance' or "inventory"."items"."type" = 'equipment')
);
--> statement-breakpoint
CREATE TABLE "inventory"."outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inventory"."processed_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"lines" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reservations_status" CHECK ("inventory"."reservations"."status" in ('active', 'committed', 'released', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "inventory"."stock_movements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inventory"."stock_movements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku" text NOT NULL,
	"kind" text NOT NULL,
	"delta_on_hand" integer NOT NULL,
	"delta_reserved" integer NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"reservation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_kind" CHECK ("inventory"."stock_movements"."kind" in ('adjustment', 'reservation', 'release', 'sale', 'expiry'))
);
--> statement-breakpoint
ALTER TABLE "inventory"."stock_movements" ADD CONSTRAINT "stock_movements_sku_items_sku_fk" FOREIGN KEY ("sku") REFERENCES "inventory"."items"("sku") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "items_type_sku_idx" ON "inventory"."items" USING btree ("type","sku");--> statement-breakpoint
CREATE INDEX "inventory_outbox_unpublished_idx" ON "inventory"."outbox" USING btree ("created_at") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "reservations_active_expires_at_idx" ON "inventory"."reservations" USING btree ("expires_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "stock_movements_sku_id_idx" ON "inventory"."stock_movements" USING btree ("sku","id");--> statement-breakpoint
CREATE INDEX "stock_movements_actor_idx" ON "inventory"."stock_movements" USING btree ("actor");--> statement-breakpoint
CREATE INDEX "stock_movements_reservation_id_idx" ON "inventory"."stock_movements" USING btree ("reservation_id");