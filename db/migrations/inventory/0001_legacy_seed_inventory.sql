-- Seed: the shop's products and the gym's equipment, with their opening stock.
-- Rendered by workers/inventory/catalog/seed_sql.ts from ./items.ts; do not edit by hand.
WITH seeded AS (
  INSERT INTO "inventory"."items" (sku, name, type, price_cents, currency, status, low_stock_threshold, on_hand) VALUES
  ('SUP-WHEY-VANILLA-1KG', 'Whey Protein Vanilla 1 kg', 'product', 2999, 'EUR', 'in_service', 8, 40),
  ('SUP-WHEY-CHOCOLATE-1KG', 'Whey Protein Chocolate 1 kg', 'product', 2999, 'EUR', 'in_service', 8, 35),
  ('SUP-VEGAN-PROTEIN-1KG', 'Vegan Protein Blend 1 kg', 'product', 3299, 'EUR', 'in_service', 5, 20),
  ('SUP-CREATINE-500G', 'Creatine Monohydrate 500 g', 'product', 2499, 'EUR', 'in_service', 6, 30),
  ('SUP-PREWORKOUT-300G', 'Pre-Workout Citrus 300 g', 'product', 2799, 'EUR', 'in_service', 5, 18),
  ('SUP-BCAA-400G', 'BCAA Powder Berry 400 g', 'product', 2199, 'EUR', 'in_service', 4, 15),
  ('SUP-ELECTROLYTES-20', 'Electrolyte Tablets (20)', 'product', 799, 'EUR', 'in_service', 10, 50),
  ('SUP-PROTEIN-BAR-12', 'Protein Bars Peanut, box of 12', 'product', 2399, 'EUR', 'in_service', 6, 25),
  ('SUP-OMEGA3-120', 'Omega-3 Capsules (120)', 'product', 1699, 'EUR', 'in_service', 5, 20),
  ('ACC-SHAKER-700ML', 'Shaker Bottle 700 ml', 'product', 999, 'EUR', 'in_service', 10, 60),
  ('ACC-LIFTING-BELT-M', 'Leather Lifting Belt, size M', 'product', 5999, 'EUR', 'in_service', 2, 8),
  ('ACC-LIFTING-BELT-L', 'Leather Lifting Belt, size L', 'product', 5999, 'EUR', 'in_service', 2, 6),
  ('ACC-WRIST-WRAPS', 'Wrist Wraps (pair)', 'product', 1499, 'EUR', 'in_service', 5, 25),
  ('ACC-LIFTING-STRAPS', 'Lifting Straps (pair)', 'product', 1299, 'EUR', 'in_service', 5, 25),
  ('ACC-CHALK-250G', 'Gym Chalk Block 250 g', 'product', 699, 'EUR', 'in_service', 8, 40),
  ('ACC-JUMP-ROPE', 'Speed Jump Rope', 'product', 1999, 'EUR', 'in_service', 4, 15),
  ('ACC-BAND-SET-5', 'Resistance Band Set (5 levels)', 'product', 2999, 'EUR', 'in_service', 3, 12),
  ('ACC-YOGA-MAT-6MM', 'Yoga Mat 6 mm', 'product', 3499, 'EUR', 'in_service', 3, 10),
  ('ACC-GYM-TOWEL', 'Microfibre Gym Towel', 'product', 1299, 'EUR', 'in_service', 6, 30),
  ('ACC-PADLOCK', 'Locker Padlock', 'product', 899, 'EUR', 'in_service', 5, 20),
  ('APP-TEE-S', 'FitConnect Training Tee, size S', 'product', 2499, 'EUR', 'in_service', 4, 15),
  ('APP-TEE-M', 'FitConnect Training Tee, size M', 'product', 2499, 'EUR', 'in_service', 4, 20),
  ('APP-TEE-L', 'FitConnect Training Tee, size L', 'product', 2499, 'EUR', 'in_service', 4, 15),
  ('APP-HOODIE-M', 'FitConnect Hoodie, size M', 'product', 4999, 'EUR', 'in_service', 3, 10),
  ('APP-SOCKS-3', 'Crew Training Socks (3 pairs)', 'product', 1299, 'EUR', 'in_service', 6, 30),
  ('PASS-DAY', 'Day Pass', 'product', 1500, 'EUR', 'in_service', 50, 500),
  ('PASS-GUEST-DAY', 'Guest Day Pass (with a member)', 'product', 900, 'EUR', 'in_service', 30, 300),
  ('PASS-10-VISITS', '10-Visit Pass Card', 'product', 12900, 'EUR', 'in_service', 20, 200),
  ('EQ-TREADMILL', 'Treadmill', 'equipment', 0, 'EUR', 'in_service', 0, 6),
  ('EQ-ROWING-ERGOMETER', 'Rowing Ergometer', 'equipment', 0, 'EUR', 'in_service', 0, 4),
  ('EQ-SPIN-BIKE', 'Spin Bike', 'equipment', 0, 'EUR', 'in_service', 0, 12),
  ('EQ-AIR-BIKE', 'Air Bike', 'equipment', 0, 'EUR', 'in_service', 0, 3),
  ('EQ-ELLIPTICAL', 'Elliptical Trainer', 'equipment', 0, 'EUR', 'maintenance', 0, 4),
  ('EQ-STAIR-CLIMBER', 'Stair Climber', 'equipment', 0, 'EUR', 'in_service', 0, 2),
  ('EQ-POWER-RACK', 'Power Rack', 'equipment', 0, 'EUR', 'in_service', 0, 4),
  ('EQ-BENCH-ADJUSTABLE', 'Adjustable Bench', 'equipment', 0, 'EUR', 'in_service', 0, 8),
  ('EQ-BENCH-FLAT', 'Flat Bench', 'equipment', 0, 'EUR', 'in_service', 0, 6),
  ('EQ-BARBELL-20KG', 'Olympic Barbell 20 kg', 'equipment', 0, 'EUR', 'in_service', 0, 10),
  ('EQ-BUMPER-PLATES-150KG', 'Bumper Plate Set 150 kg', 'equipment', 0, 'EUR', 'in_service', 0, 6),
  ('EQ-DUMBBELL-RACK', 'Dumbbell Rack, pairs 2–50 kg', 'equipment', 0, 'EUR', 'in_service', 0, 2),
  ('EQ-KETTLEBELL-SET', 'Kettlebell Set 8–32 kg', 'equipment', 0, 'EUR', 'in_service', 0, 3),
  ('EQ-CABLE-CROSSOVER', 'Dual Cable Crossover', 'equipment', 0, 'EUR', 'in_service', 0, 2),
  ('EQ-LEG-PRESS', '45° Leg Press', 'equipment', 0, 'EUR', 'in_service', 0, 2),
  ('EQ-LAT-PULLDOWN', 'Lat Pulldown Machine', 'equipment', 0, 'EUR', 'maintenance', 0, 2),
  ('EQ-SMITH-MACHINE', 'Smith Machine', 'equipment', 0, 'EUR', 'retired', 0, 1)
  ON CONFLICT (sku) DO NOTHING
  RETURNING sku, on_hand
)
INSERT INTO "inventory"."stock_movements" (sku, kind, delta_on_hand, delta_reserved, reason, actor)
SELECT sku, 'adjustment', on_hand, 0, 'opening stock', 'system' FROM seeded WHERE on_hand > 0;
