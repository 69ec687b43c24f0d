/**
 * The shop and gym catalog the product ships with: seeded by migration
 * (`db/migrations/*_seed_inventory.sql`, rendered by ./seed_sql.ts), each
 * item's opening stock written as an `adjustment` movement so the ledger
 * sums to the levels from the first day.
 *
 * Products are priced in EUR; equipment is the gym's own and not for sale
 * (price 0), its stock the number of units on the floor.
 *
 * @module
 */
import type { ItemStatus, ItemType } from "../tables.ts";

/** One seeded item and its opening stock. */
export interface SeedItem {
  sku: string;
  name: string;
  type: ItemType;
  priceCents: number;
  currency: string;
  status: ItemStatus;
  lowStockThreshold: number;
  openingStock: number;
}

function product(
  sku: string,
  name: string,
  priceCents: number,
  openingStock: number,
  lowStockThreshold: number,
): SeedItem {
  return {
    sku,
    name,
    type: "product",
    priceCents,
    currency: "EUR",
    status: "in_service",
    lowStockThreshold,
    openingStock,
  };
}

function equipment(
  sku: string,
  name: string,
  units: number,
  status: ItemStatus = "in_service",
): SeedItem {
  return {
    sku,
    name,
    type: "equipment",
    priceCents: 0,
    currency: "EUR",
    status,
    lowStockThreshold: 0,
    openingStock: units,
  };
}

/** Supplements, accessories, apparel and day passes sold at the front desk and online. */
export const products: readonly SeedItem[] = [
  product("SUP-WHEY-VANILLA-1KG", "Whey Protein Vanilla 1 kg", 2999, 40, 8),
  product("SUP-WHEY-CHOCOLATE-1KG", "Whey Protein Chocolate 1 kg", 2999, 35, 8),
  product("SUP-VEGAN-PROTEIN-1KG", "Vegan Protein Blend 1 kg", 3299, 20, 5),
  product("SUP-CREATINE-500G", "Creatine Monohydrate 500 g", 2499, 30, 6),
  product("SUP-PREWORKOUT-300G", "Pre-Workout Citrus 300 g", 2799, 18, 5),
  product("SUP-BCAA-400G", "BCAA Powder Berry 400 g", 2199, 15, 4),
  product("SUP-ELECTROLYTES-20", "Electrolyte Tablets (20)", 799, 50, 10),
  product("SUP-PROTEIN-BAR-12", "Protein Bars Peanut, box of 12", 2399, 25, 6),
  product("SUP-OMEGA3-120", "Omega-3 Capsules (120)", 1699, 20, 5),
  product("ACC-SHAKER-700ML", "Shaker Bottle 700 ml", 999, 60, 10),
  product("ACC-LIFTING-BELT-M", "Leather Lifting Belt, size M", 5999, 8, 2),
  product("ACC-LIFTING-BELT-L", "Leather Lifting Belt, size L", 5999, 6, 2),
  product("ACC-WRIST-WRAPS", "Wrist Wraps (pair)", 1499, 25, 5),
  product("ACC-LIFTING-STRAPS", "Lifting Straps (pair)", 1299, 25, 5),
  product("ACC-CHALK-250G", "Gym Chalk Block 250 g", 699, 40, 8),
  product("ACC-JUMP-ROPE", "Speed Jump Rope", 1999, 15, 4),
  product("ACC-BAND-SET-5", "Resistance Band Set (5 levels)", 2999, 12, 3),
  product("ACC-YOGA-MAT-6MM", "Yoga Mat 6 mm", 3499, 10, 3),
  product("ACC-GYM-TOWEL", "Microfibre Gym Towel", 1299, 30, 6),
  product("ACC-PADLOCK", "Locker Padlock", 899, 20, 5),
  product("APP-TEE-S", "FitConnect Training Tee, size S", 2499, 15, 4),
  product("APP-TEE-M", "FitConnect Training Tee, size M", 2499, 20, 4),
  product("APP-TEE-L", "FitConnect Training Tee, size L", 2499, 15, 4),
  product("APP-HOODIE-M", "FitConnect Hoodie, size M", 4999, 10, 3),
  product("APP-SOCKS-3", "Crew Training Socks (3 pairs)", 1299, 30, 6),
  product("PASS-DAY", "Day Pass", 1500, 500, 50),
  product("PASS-GUEST-DAY", "Guest Day Pass (with a member)", 900, 300, 30),
  product("PASS-10-VISITS", "10-Visit Pass Card", 12900, 200, 20),
];

/** The gym floor: machines and free weights, by units in the gym. */
export const gymEquipment: readonly SeedItem[] = [
  equipment("EQ-TREADMILL", "Treadmill", 6),
  equipment("EQ-ROWING-ERGOMETER", "Rowing Ergometer", 4),
  equipment("EQ-SPIN-BIKE", "Spin Bike", 12),
  equipment("EQ-AIR-BIKE", "Air Bike", 3),
  equipment("EQ-ELLIPTICAL", "Elliptical Trainer", 4, "maintenance"),
  equipment("EQ-STAIR-CLIMBER", "Stair Climber", 2),
  equipment("EQ-POWER-RACK", "Power Rack", 4),
  equipment("EQ-BENCH-ADJUSTABLE", "Adjustable Bench", 8),
  equipment("EQ-BENCH-FLAT", "Flat Bench", 6),
  equipment("EQ-BARBELL-20KG", "Olympic Barbell 20 kg", 10),
  equipment("EQ-BUMPER-PLATES-150KG", "Bumper Plate Set 150 kg", 6),
  equipment("EQ-DUMBBELL-RACK", "Dumbbell Rack, pairs 2–50 kg", 2),
  equipment("EQ-KETTLEBELL-SET", "Kettlebell Set 8–32 kg", 3),
  equipment("EQ-CABLE-CROSSOVER", "Dual Cable Crossover", 2),
  equipment("EQ-LEG-PRESS", "45° Leg Press", 2),
  equipment("EQ-LAT-PULLDOWN", "Lat Pulldown Machine", 2, "maintenance"),
  equipment("EQ-SMITH-MACHINE", "Smith Machine", 1, "retired"),
];

/** Everything seeded, products first. */
export const seedItems: readonly SeedItem[] = [...products, ...gymEquipment];
