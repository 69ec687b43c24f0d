-- Seed: the membership plans (prices in EUR cents).
INSERT INTO "payments"."plans" (id, name, interval, price_cents, currency) VALUES
  ('monthly', 'Monthly membership', 'month', 2900, 'EUR'),
  ('yearly', 'Yearly membership', 'year', 29000, 'EUR')
ON CONFLICT (id) DO NOTHING;
