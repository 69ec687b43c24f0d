CREATE TABLE "payments"."checkout_gates" (
	"user_id" text PRIMARY KEY NOT NULL,
	"claims" bigint NOT NULL
);
