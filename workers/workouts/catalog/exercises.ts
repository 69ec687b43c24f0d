/**
 * The seeded exercise catalog: real exercises with the coaching cues a member
 * sees in the app. Ids are stable kebab-case slugs referenced by plans and
 * logged sessions, so an id is never renamed or reused; fix a name or a cue in
 * place and generate a new seed migration (see `db/seed/catalog_sql.ts`).
 *
 * @module
 */
import type { Category, Equipment, Muscle } from "./vocabulary.ts";

/** One exercise of the catalog, as seeded into `workouts.exercises`. */
export interface SeedExercise {
  /** Stable kebab-case slug, e.g. `barbell-back-squat`. */
  id: string;
  /** Title Case, unique in the catalog. */
  name: string;
  category: Category;
  primaryMuscles: Muscle[];
  secondaryMuscles: Muscle[];
  equipment: Equipment;
  /** One to three short coaching cues. */
  instructions: string;
}

/** The catalog, grouped by equipment. */
export const exercises: SeedExercise[] = [
  // Barbell
  {
    id: "barbell-back-squat",
    name: "Barbell Back Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["hamstrings", "adductors", "lower_back", "abs"],
    equipment: "barbell",
    instructions:
      "Set the bar across your upper back, brace your trunk and sit down between your heels until your hip crease is below the knee. Keep the knees tracking over the toes and drive up through the whole foot.",
  },
  {
    id: "barbell-front-squat",
    name: "Front Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["upper_back", "abs", "adductors"],
    equipment: "barbell",
    instructions:
      "Rack the bar on your front delts with elbows high and fingertips under the bar. Sit straight down keeping the torso upright, then stand without letting the elbows drop.",
  },
  {
    id: "barbell-box-squat",
    name: "Box Squat",
    category: "strength",
    primaryMuscles: ["glutes", "hamstrings"],
    secondaryMuscles: ["quadriceps", "lower_back", "adductors"],
    equipment: "barbell",
    instructions:
      "Squat back to a box set at or just below parallel, shins close to vertical. Sit under control without relaxing, then drive the hips forward to stand.",
  },
  {
    id: "barbell-overhead-squat",
    name: "Overhead Squat",
    category: "olympic",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["side_delts", "upper_back", "abs"],
    equipment: "barbell",
    instructions:
      "Lock the bar overhead with a snatch-width grip, pushing up into it and keeping it over your mid-foot. Squat to full depth with an upright chest and stand without the bar drifting forward.",
  },
  {
    id: "barbell-bench-press",
    name: "Barbell Bench Press",
    category: "strength",
    primaryMuscles: ["chest"],
    secondaryMuscles: ["front_delts", "triceps"],
    equipment: "barbell",
    instructions:
      "Pin your shoulder blades back and down, feet planted. Lower the bar to your lower chest with forearms vertical, then press back up over the shoulders.",
  },
  {
    id: "barbell-incline-bench-press",
    name: "Incline Barbell Bench Press",
    category: "strength",
    primaryMuscles: ["chest", "front_delts"],
    secondaryMuscles: ["triceps"],
    equipment: "barbell",
    instructions:
      "Set the bench to about 30 degrees. Lower the bar to your upper chest under control and press it back over the shoulders.",
  },
  {
    id: "close-grip-bench-press",
    name: "Close-Grip Bench Press",
    category: "strength",
    primaryMuscles: ["triceps"],
    secondaryMuscles: ["chest", "front_delts"],
    equipment: "barbell",
    instructions:
      "Grip the bar about shoulder width apart and keep your elbows tucked close to your sides. Touch the lower chest and press to lockout.",
  },
  {
    id: "barbell-overhead-press",
    name: "Overhead Press",
    category: "strength",
    primaryMuscles: ["front_delts", "side_delts"],
    secondaryMuscles: ["triceps", "upper_back", "abs"],
    equipment: "barbell",
    instructions:
      "Stand with the bar on your front delts, glutes squeezed and ribs down. Press straight up, moving your head back then through once the bar passes your forehead, and finish with the bar over the mid-foot.",
  },
  {
    id: "barbell-push-press",
    name: "Push Press",
    category: "olympic",
    primaryMuscles: ["front_delts", "triceps"],
    secondaryMuscles: ["quadriceps", "glutes", "side_delts"],
    equipment: "barbell",
    instructions:
      "Dip a few inches by bending the knees with the torso upright, then drive hard through the legs. Use that momentum to press the bar to lockout overhead.",
  },
  {
    id: "barbell-deadlift",
    name: "Conventional Deadlift",
    category: "strength",
    primaryMuscles: ["hamstrings", "glutes", "lower_back"],
    secondaryMuscles: ["quadriceps", "traps", "forearms", "lats"],
    equipment: "barbell",
    instructions:
      "Bar over the mid-foot, shins to the bar, back flat and lats tight. Push the floor away and keep the bar against your legs until you stand tall; lower it the same way.",
  },
  {
    id: "sumo-deadlift",
    name: "Sumo Deadlift",
    category: "strength",
    primaryMuscles: ["glutes", "adductors", "quadriceps"],
    secondaryMuscles: ["hamstrings", "lower_back", "traps"],
    equipment: "barbell",
    instructions:
      "Take a wide stance with toes turned out and grip the bar inside your knees. Spread the floor with your feet, keep the chest up and stand the bar straight up.",
  },
  {
    id: "romanian-deadlift",
    name: "Romanian Deadlift",
    category: "strength",
    primaryMuscles: ["hamstrings", "glutes"],
    secondaryMuscles: ["lower_back", "forearms"],
    equipment: "barbell",
    instructions:
      "Start standing with the bar, knees soft. Push your hips back and slide the bar down your thighs until you feel a deep hamstring stretch, then drive the hips forward to stand.",
  },
  {
    id: "deficit-deadlift",
    name: "Deficit Deadlift",
    category: "strength",
    primaryMuscles: ["hamstrings", "glutes", "quadriceps"],
    secondaryMuscles: ["lower_back", "traps", "forearms"],
    equipment: "barbell",
    instructions:
      "Stand on a 2 to 5 cm plate so the bar starts lower. Keep the same flat back as a normal deadlift and push hard off the floor.",
  },
  {
    id: "rack-pull",
    name: "Rack Pull",
    category: "strength",
    primaryMuscles: ["lower_back", "glutes", "traps"],
    secondaryMuscles: ["hamstrings", "forearms", "lats"],
    equipment: "barbell",
    instructions:
      "Set the bar on pins just below the knee. Pull with a flat back and finish by squeezing the glutes, without leaning back.",
  },
  {
    id: "barbell-bent-over-row",
    name: "Barbell Bent-Over Row",
    category: "strength",
    primaryMuscles: ["lats", "upper_back"],
    secondaryMuscles: ["biceps", "rear_delts", "lower_back"],
    equipment: "barbell",
    instructions:
      "Hinge until your torso is close to 45 degrees, back flat. Pull the bar to your lower ribs, pause, and lower it with control without standing up.",
  },
  {
    id: "pendlay-row",
    name: "Pendlay Row",
    category: "strength",
    primaryMuscles: ["upper_back", "lats"],
    secondaryMuscles: ["rear_delts", "biceps", "lower_back"],
    equipment: "barbell",
    instructions:
      "With the torso parallel to the floor, row the bar explosively from a dead stop to your lower chest. Return it to the floor and reset each rep.",
  },
  {
    id: "barbell-curl",
    name: "Barbell Curl",
    category: "strength",
    primaryMuscles: ["biceps"],
    secondaryMuscles: ["forearms"],
    equipment: "barbell",
    instructions:
      "Stand tall with elbows pinned to your sides. Curl the bar to your shoulders without swinging, then lower it slowly to full extension.",
  },
  {
    id: "ez-bar-skull-crusher",
    name: "EZ-Bar Skull Crusher",
    category: "strength",
    primaryMuscles: ["triceps"],
    secondaryMuscles: [],
    equipment: "barbell",
    instructions:
      "Lying on a bench, hold the bar over your shoulders. Bend only at the elbows to lower it to just behind your head, then extend back up.",
  },
  {
    id: "barbell-hip-thrust",
    name: "Barbell Hip Thrust",
    category: "strength",
    primaryMuscles: ["glutes"],
    secondaryMuscles: ["hamstrings", "quadriceps"],
    equipment: "barbell",
    instructions:
      "Upper back on a bench and the padded bar across your hips. Tuck your chin and drive the hips up until your torso is level, squeezing the glutes hard at the top.",
  },
  {
    id: "good-morning",
    name: "Good Morning",
    category: "strength",
    primaryMuscles: ["hamstrings", "lower_back"],
    secondaryMuscles: ["glutes"],
    equipment: "barbell",
    instructions:
      "With the bar on your upper back and knees slightly bent, push your hips back and bow forward with a flat back. Stop when the hamstrings are stretched and return to standing.",
  },
  {
    id: "barbell-reverse-lunge",
    name: "Barbell Reverse Lunge",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["hamstrings", "adductors"],
    equipment: "barbell",
    instructions:
      "Step back into a lunge until the back knee nearly touches the floor. Push through the front heel to return, keeping the torso tall.",
  },
  {
    id: "barbell-shrug",
    name: "Barbell Shrug",
    category: "strength",
    primaryMuscles: ["traps"],
    secondaryMuscles: ["forearms"],
    equipment: "barbell",
    instructions:
      "Hold the bar at arm's length and lift your shoulders straight up toward your ears. Pause at the top and lower slowly without rolling the shoulders.",
  },
  {
    id: "landmine-press",
    name: "Landmine Press",
    category: "strength",
    primaryMuscles: ["front_delts", "chest"],
    secondaryMuscles: ["triceps", "abs"],
    equipment: "barbell",
    instructions:
      "Hold the end of a landmine bar at shoulder height in a staggered stance. Press up and forward until the arm is straight, keeping the ribs down.",
  },
  {
    id: "power-clean",
    name: "Power Clean",
    category: "olympic",
    primaryMuscles: ["glutes", "hamstrings", "traps"],
    secondaryMuscles: ["quadriceps", "upper_back", "calves"],
    equipment: "barbell",
    instructions:
      "Pull the bar from the floor with a flat back and keep it close. Extend hips, knees and ankles violently, then pull yourself under and catch it on your shoulders above parallel.",
  },
  {
    id: "hang-power-clean",
    name: "Hang Power Clean",
    category: "olympic",
    primaryMuscles: ["glutes", "hamstrings", "traps"],
    secondaryMuscles: ["quadriceps", "upper_back"],
    equipment: "barbell",
    instructions:
      "Start standing, then hinge until the bar is just above the knees. Jump and shrug explosively and receive the bar in a quarter squat with elbows fast and high.",
  },
  {
    id: "clean-and-jerk",
    name: "Clean and Jerk",
    category: "olympic",
    primaryMuscles: ["quadriceps", "glutes", "front_delts"],
    secondaryMuscles: ["hamstrings", "traps", "triceps", "upper_back"],
    equipment: "barbell",
    instructions:
      "Clean the bar into a front squat and stand up. Dip, drive and split under the bar, locking it overhead before bringing your feet back together.",
  },
  {
    id: "barbell-snatch",
    name: "Snatch",
    category: "olympic",
    primaryMuscles: ["glutes", "hamstrings", "quadriceps"],
    secondaryMuscles: ["traps", "side_delts", "upper_back", "lower_back"],
    equipment: "barbell",
    instructions:
      "With a wide grip, pull the bar from the floor and keep it close as it passes the hips. Extend fully, then punch under it and catch it locked out overhead in a deep squat.",
  },
  {
    id: "push-jerk",
    name: "Push Jerk",
    category: "olympic",
    primaryMuscles: ["front_delts", "triceps"],
    secondaryMuscles: ["quadriceps", "glutes", "upper_back"],
    equipment: "barbell",
    instructions:
      "Dip straight down and drive the bar up off the shoulders. Push yourself under it into a partial squat with the arms locked, then stand.",
  },

  // Dumbbell
  {
    id: "dumbbell-bench-press",
    name: "Dumbbell Bench Press",
    category: "strength",
    primaryMuscles: ["chest"],
    secondaryMuscles: ["front_delts", "triceps"],
    equipment: "dumbbell",
    instructions:
      "Lie on a flat bench with the dumbbells over your chest and shoulder blades pinned. Lower them to the sides of your chest, elbows at about 45 degrees, and press back up.",
  },
  {
    id: "incline-dumbbell-press",
    name: "Incline Dumbbell Press",
    category: "strength",
    primaryMuscles: ["chest", "front_delts"],
    secondaryMuscles: ["triceps"],
    equipment: "dumbbell",
    instructions:
      "Set the bench to 30 to 45 degrees. Lower the dumbbells to your upper chest and press them up and slightly together.",
  },
  {
    id: "dumbbell-fly",
    name: "Dumbbell Fly",
    category: "strength",
    primaryMuscles: ["chest"],
    secondaryMuscles: ["front_delts"],
    equipment: "dumbbell",
    instructions:
      "With a slight fixed bend in the elbows, open the arms wide until you feel a stretch across the chest. Hug the weights back together over the chest.",
  },
  {
    id: "seated-dumbbell-shoulder-press",
    name: "Seated Dumbbell Shoulder Press",
    category: "strength",
    primaryMuscles: ["front_delts", "side_delts"],
    secondaryMuscles: ["triceps", "upper_back"],
    equipment: "dumbbell",
    instructions:
      "Sit against an upright bench with the dumbbells at ear height. Press overhead until the arms are straight without arching the lower back.",
  },
  {
    id: "arnold-press",
    name: "Arnold Press",
    category: "strength",
    primaryMuscles: ["front_delts", "side_delts"],
    secondaryMuscles: ["triceps"],
    equipment: "dumbbell",
    instructions:
      "Start with the dumbbells in front of your shoulders, palms facing you. Rotate the palms forward as you press overhead, and reverse the rotation on the way down.",
  },
  {
    id: "dumbbell-lateral-raise",
    name: "Dumbbell Lateral Raise",
    category: "strength",
    primaryMuscles: ["side_delts"],
    secondaryMuscles: ["traps"],
    equipment: "dumbbell",
    instructions:
      "Raise the dumbbells out to the sides with soft elbows until they reach shoulder height. Lead with the elbows, do not shrug, and lower slowly.",
  },
  {
    id: "dumbbell-rear-delt-fly",
    name: "Bent-Over Rear Delt Fly",
    category: "strength",
    primaryMuscles: ["rear_delts"],
    secondaryMuscles: ["upper_back", "traps"],
    equipment: "dumbbell",
    instructions:
      "Hinge forward with a flat back and the dumbbells hanging below your chest. Sweep them out wide, leading with the pinkies, and squeeze the back of the shoulders.",
  },
  {
    id: "one-arm-dumbbell-row",
    name: "One-Arm Dumbbell Row",
    category: "strength",
    primaryMuscles: ["lats", "upper_back"],
    secondaryMuscles: ["biceps", "rear_delts"],
    equipment: "dumbbell",
    instructions:
      "Brace one hand and knee on a bench with a flat back. Row the dumbbell toward your hip, keeping the elbow close, and let it stretch down fully each rep.",
  },
  {
    id: "chest-supported-dumbbell-row",
    name: "Chest-Supported Dumbbell Row",
    category: "strength",
    primaryMuscles: ["upper_back", "lats"],
    secondaryMuscles: ["rear_delts", "biceps"],
    equipment: "dumbbell",
    instructions:
      "Lie face down on an incline bench. Row both dumbbells up until the elbows pass your torso, squeeze the shoulder blades together, then lower.",
  },
  {
    id: "dumbbell-pullover",
    name: "Dumbbell Pullover",
    category: "strength",
    primaryMuscles: ["lats", "chest"],
    secondaryMuscles: ["triceps", "abs"],
    equipment: "dumbbell",
    instructions:
      "Lie across or along a bench holding one dumbbell over your chest with both hands. Lower it behind your head with slightly bent arms, then pull it back over the chest.",
  },
  {
    id: "dumbbell-biceps-curl",
    name: "Dumbbell Biceps Curl",
    category: "strength",
    primaryMuscles: ["biceps"],
    secondaryMuscles: ["forearms"],
    equipment: "dumbbell",
    instructions:
      "Stand with palms forward and elbows at your sides. Curl the dumbbells up without swinging and lower them all the way down.",
  },
  {
    id: "hammer-curl",
    name: "Hammer Curl",
    category: "strength",
    primaryMuscles: ["biceps", "forearms"],
    secondaryMuscles: [],
    equipment: "dumbbell",
    instructions:
      "Hold the dumbbells with palms facing each other. Curl them up keeping the neutral grip and the elbows still.",
  },
  {
    id: "incline-dumbbell-curl",
    name: "Incline Dumbbell Curl",
    category: "strength",
    primaryMuscles: ["biceps"],
    secondaryMuscles: ["forearms"],
    equipment: "dumbbell",
    instructions:
      "Sit back on a bench set to about 60 degrees and let your arms hang straight. Curl without bringing the elbows forward to train the biceps in a stretched position.",
  },
  {
    id: "concentration-curl",
    name: "Concentration Curl",
    category: "strength",
    primaryMuscles: ["biceps"],
    secondaryMuscles: [],
    equipment: "dumbbell",
    instructions:
      "Seated, brace the back of your upper arm against your inner thigh. Curl the dumbbell to your shoulder and squeeze before lowering slowly.",
  },
  {
    id: "overhead-dumbbell-triceps-extension",
    name: "Overhead Dumbbell Triceps Extension",
    category: "strength",
    primaryMuscles: ["triceps"],
    secondaryMuscles: [],
    equipment: "dumbbell",
    instructions:
      "Hold one dumbbell overhead with both hands. Lower it behind your head by bending only the elbows, keeping them pointed forward, then extend.",
  },
  {
    id: "goblet-squat",
    name: "Goblet Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["adductors", "abs", "upper_back"],
    equipment: "dumbbell",
    instructions:
      "Hold a dumbbell vertically against your chest. Squat between your knees with the elbows inside them and the chest tall, then stand.",
  },
  {
    id: "bulgarian-split-squat",
    name: "Bulgarian Split Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["adductors", "hamstrings"],
    equipment: "dumbbell",
    instructions:
      "Rest your rear foot on a bench with dumbbells at your sides. Lower straight down until the back knee nearly touches the floor and drive up through the front foot.",
  },
  {
    id: "dumbbell-romanian-deadlift",
    name: "Dumbbell Romanian Deadlift",
    category: "strength",
    primaryMuscles: ["hamstrings", "glutes"],
    secondaryMuscles: ["lower_back", "forearms"],
    equipment: "dumbbell",
    instructions:
      "Hold the dumbbells in front of your thighs and push your hips back with soft knees. Keep them close to the legs down to mid-shin, then stand by squeezing the glutes.",
  },
  {
    id: "dumbbell-walking-lunge",
    name: "Dumbbell Walking Lunge",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["hamstrings", "adductors", "calves"],
    equipment: "dumbbell",
    instructions:
      "Step forward into a long lunge with the dumbbells at your sides. Push through the front foot and bring the back leg straight through into the next step.",
  },
  {
    id: "dumbbell-step-up",
    name: "Dumbbell Step-Up",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["hamstrings", "calves"],
    equipment: "dumbbell",
    instructions:
      "Place one whole foot on a knee-height box. Stand up through that leg without pushing off the back foot, then step down under control.",
  },
  {
    id: "dumbbell-shrug",
    name: "Dumbbell Shrug",
    category: "strength",
    primaryMuscles: ["traps"],
    secondaryMuscles: ["forearms"],
    equipment: "dumbbell",
    instructions:
      "Hold the dumbbells at your sides and lift the shoulders straight up. Pause at the top and lower fully.",
  },
  {
    id: "farmers-carry",
    name: "Farmer's Carry",
    category: "strength",
    primaryMuscles: ["forearms", "traps"],
    secondaryMuscles: ["abs", "obliques", "glutes"],
    equipment: "dumbbell",
    instructions:
      "Pick up heavy dumbbells and walk with short, quick steps. Stand tall with the shoulders packed and do not let the weights swing.",
  },

  // Machine
  {
    id: "leg-press",
    name: "Leg Press",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["hamstrings", "adductors"],
    equipment: "machine",
    instructions:
      "Feet shoulder width in the middle of the platform. Lower the sled until the knees are well bent without your lower back leaving the pad, then press without locking the knees hard.",
  },
  {
    id: "machine-hack-squat",
    name: "Hack Squat",
    category: "strength",
    primaryMuscles: ["quadriceps"],
    secondaryMuscles: ["glutes", "adductors"],
    equipment: "machine",
    instructions:
      "Set your back flat against the pad and shoulders under the yokes. Squat deep with the knees travelling forward over the toes and drive back up.",
  },
  {
    id: "smith-machine-squat",
    name: "Smith Machine Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["hamstrings", "adductors"],
    equipment: "machine",
    instructions:
      "Set the bar on your upper back with feet slightly in front of your hips. Squat to depth along the fixed path and stand back up.",
  },
  {
    id: "leg-extension",
    name: "Leg Extension",
    category: "strength",
    primaryMuscles: ["quadriceps"],
    secondaryMuscles: [],
    equipment: "machine",
    instructions:
      "Line your knees up with the machine's pivot. Extend until the legs are straight, squeeze the quads for a moment, then lower slowly.",
  },
  {
    id: "lying-leg-curl",
    name: "Lying Leg Curl",
    category: "strength",
    primaryMuscles: ["hamstrings"],
    secondaryMuscles: ["calves"],
    equipment: "machine",
    instructions:
      "Lie face down with the pad just above your heels and hips pressed into the bench. Curl the pad toward your glutes and lower it under control.",
  },
  {
    id: "seated-leg-curl",
    name: "Seated Leg Curl",
    category: "strength",
    primaryMuscles: ["hamstrings"],
    secondaryMuscles: ["calves"],
    equipment: "machine",
    instructions:
      "Lock the thigh pad down firmly and sit tall. Curl your heels under the seat and return slowly to a full stretch.",
  },
  {
    id: "standing-calf-raise",
    name: "Standing Calf Raise",
    category: "strength",
    primaryMuscles: ["calves"],
    secondaryMuscles: [],
    equipment: "machine",
    instructions:
      "Balls of the feet on the edge of the platform, knees straight. Drop the heels into a deep stretch, pause, then rise as high as you can.",
  },
  {
    id: "seated-calf-raise",
    name: "Seated Calf Raise",
    category: "strength",
    primaryMuscles: ["calves"],
    secondaryMuscles: [],
    equipment: "machine",
    instructions:
      "Sit with the pad on your lower thighs and the balls of your feet on the step. Lower the heels fully, then press up onto your toes and hold briefly.",
  },
  {
    id: "machine-chest-press",
    name: "Machine Chest Press",
    category: "strength",
    primaryMuscles: ["chest"],
    secondaryMuscles: ["front_delts", "triceps"],
    equipment: "machine",
    instructions:
      "Set the seat so the handles are at mid-chest height. Press forward without letting the shoulders roll off the pad, and return until you feel a chest stretch.",
  },
  {
    id: "pec-deck-fly",
    name: "Pec Deck Fly",
    category: "strength",
    primaryMuscles: ["chest"],
    secondaryMuscles: ["front_delts"],
    equipment: "machine",
    instructions:
      "Sit tall with the handles at chest height and elbows slightly bent. Bring the handles together in an arc and open slowly to a stretch.",
  },
  {
    id: "machine-shoulder-press",
    name: "Machine Shoulder Press",
    category: "strength",
    primaryMuscles: ["front_delts", "side_delts"],
    secondaryMuscles: ["triceps"],
    equipment: "machine",
    instructions:
      "Adjust the seat so the handles start at shoulder height. Press overhead to straight arms and lower under control.",
  },
  {
    id: "chest-supported-machine-row",
    name: "Chest-Supported Machine Row",
    category: "strength",
    primaryMuscles: ["upper_back", "lats"],
    secondaryMuscles: ["rear_delts", "biceps"],
    equipment: "machine",
    instructions:
      "Keep your chest on the pad and row the handles back, driving the elbows behind you. Let the shoulder blades spread forward at the end of each rep.",
  },
  {
    id: "assisted-pull-up",
    name: "Assisted Pull-Up",
    category: "strength",
    primaryMuscles: ["lats"],
    secondaryMuscles: ["biceps", "upper_back"],
    equipment: "machine",
    instructions:
      "Kneel on the assistance pad and take an overhand grip. Pull your chest toward the bar, then lower to straight arms; use less assistance as you get stronger.",
  },
  {
    id: "hip-adduction-machine",
    name: "Hip Adduction Machine",
    category: "strength",
    primaryMuscles: ["adductors"],
    secondaryMuscles: [],
    equipment: "machine",
    instructions:
      "Sit with the pads on your inner knees. Squeeze your legs together, pause, and let them open slowly.",
  },
  {
    id: "hip-abduction-machine",
    name: "Hip Abduction Machine",
    category: "strength",
    primaryMuscles: ["abductors", "glutes"],
    secondaryMuscles: [],
    equipment: "machine",
    instructions:
      "Sit with the pads on your outer knees. Push your legs apart as far as you can, pause, and return without letting the plates touch.",
  },

  // Cable
  {
    id: "lat-pulldown",
    name: "Lat Pulldown",
    category: "strength",
    primaryMuscles: ["lats"],
    secondaryMuscles: ["biceps", "upper_back", "rear_delts"],
    equipment: "cable",
    instructions:
      "Grip the bar a little wider than your shoulders and lock your thighs under the pads. Pull the bar to your upper chest by driving the elbows down, then let it rise to straight arms.",
  },
  {
    id: "seated-cable-row",
    name: "Seated Cable Row",
    category: "strength",
    primaryMuscles: ["upper_back", "lats"],
    secondaryMuscles: ["biceps", "rear_delts"],
    equipment: "cable",
    instructions:
      "Sit tall with knees soft and hold the handle at arm's length. Row it to your stomach while squeezing the shoulder blades, without rocking back.",
  },
  {
    id: "single-arm-cable-row",
    name: "Single-Arm Cable Row",
    category: "strength",
    primaryMuscles: ["lats"],
    secondaryMuscles: ["upper_back", "biceps", "obliques"],
    equipment: "cable",
    instructions:
      "Stand or kneel facing a cable at chest height. Row one handle toward your hip and resist the twist as the weight pulls back.",
  },
  {
    id: "straight-arm-pulldown",
    name: "Straight-Arm Pulldown",
    category: "strength",
    primaryMuscles: ["lats"],
    secondaryMuscles: ["triceps", "abs"],
    equipment: "cable",
    instructions:
      "Hinge slightly with arms straight and hands on a bar at head height. Sweep the bar down to your thighs using your lats, keeping the elbows locked.",
  },
  {
    id: "cable-crossover",
    name: "Cable Crossover",
    category: "strength",
    primaryMuscles: ["chest"],
    secondaryMuscles: ["front_delts"],
    equipment: "cable",
    instructions:
      "Stand between two high pulleys in a split stance. Bring the handles down and together in front of your hips, then open slowly to a stretch.",
  },
  {
    id: "face-pull",
    name: "Face Pull",
    category: "strength",
    primaryMuscles: ["rear_delts", "upper_back"],
    secondaryMuscles: ["traps"],
    equipment: "cable",
    instructions:
      "With a rope at face height, pull toward your eyes while spreading the rope apart. Finish with the elbows high and the hands beside your ears.",
  },
  {
    id: "cable-triceps-pushdown",
    name: "Cable Triceps Pushdown",
    category: "strength",
    primaryMuscles: ["triceps"],
    secondaryMuscles: [],
    equipment: "cable",
    instructions:
      "Elbows pinned to your sides, push the bar or rope down until the arms are straight. Let the hands rise only to about chest height.",
  },
  {
    id: "overhead-cable-triceps-extension",
    name: "Overhead Cable Triceps Extension",
    category: "strength",
    primaryMuscles: ["triceps"],
    secondaryMuscles: [],
    equipment: "cable",
    instructions:
      "Face away from a low pulley with the rope behind your head. Extend the arms forward and up, keeping the elbows beside your head.",
  },
  {
    id: "cable-biceps-curl",
    name: "Cable Biceps Curl",
    category: "strength",
    primaryMuscles: ["biceps"],
    secondaryMuscles: ["forearms"],
    equipment: "cable",
    instructions:
      "Stand close to a low pulley with elbows at your sides. Curl the bar to your shoulders and lower it against the constant tension.",
  },
  {
    id: "cable-lateral-raise",
    name: "Cable Lateral Raise",
    category: "strength",
    primaryMuscles: ["side_delts"],
    secondaryMuscles: [],
    equipment: "cable",
    instructions:
      "Hold a low handle across your body with the opposite hand. Raise the arm out to the side to shoulder height and lower slowly.",
  },
  {
    id: "cable-woodchop",
    name: "Cable Woodchop",
    category: "strength",
    primaryMuscles: ["obliques"],
    secondaryMuscles: ["abs", "front_delts"],
    equipment: "cable",
    instructions:
      "Set a handle high and pull it diagonally across your body to the opposite hip. Turn from the trunk with the arms nearly straight and pivot the back foot.",
  },
  {
    id: "pallof-press",
    name: "Pallof Press",
    category: "strength",
    primaryMuscles: ["abs", "obliques"],
    secondaryMuscles: [],
    equipment: "cable",
    instructions:
      "Stand side-on to a cable at chest height, handle at your sternum. Press it straight out and hold without letting your body rotate toward the stack.",
  },
  {
    id: "kneeling-cable-crunch",
    name: "Kneeling Cable Crunch",
    category: "strength",
    primaryMuscles: ["abs"],
    secondaryMuscles: ["obliques"],
    equipment: "cable",
    instructions:
      "Kneel below a high pulley with the rope beside your head. Curl your ribs toward your hips by flexing the spine, not by sitting back.",
  },
  {
    id: "cable-pull-through",
    name: "Cable Pull-Through",
    category: "strength",
    primaryMuscles: ["glutes", "hamstrings"],
    secondaryMuscles: ["lower_back"],
    equipment: "cable",
    instructions:
      "Face away from a low pulley with the rope between your legs. Hinge back with a flat back, then snap the hips forward to stand tall.",
  },
  {
    id: "cable-glute-kickback",
    name: "Cable Glute Kickback",
    category: "strength",
    primaryMuscles: ["glutes"],
    secondaryMuscles: ["hamstrings"],
    equipment: "cable",
    instructions:
      "With an ankle strap on a low pulley, brace on the frame and kick the leg straight back. Squeeze the glute at the top without arching the lower back.",
  },

  // Bodyweight
  {
    id: "push-up",
    name: "Push-Up",
    category: "strength",
    primaryMuscles: ["chest", "triceps"],
    secondaryMuscles: ["front_delts", "abs"],
    equipment: "bodyweight",
    instructions:
      "Hands under the shoulders and body in a straight line from head to heels. Lower your chest to the floor with elbows at about 45 degrees and push back up.",
  },
  {
    id: "pike-push-up",
    name: "Pike Push-Up",
    category: "strength",
    primaryMuscles: ["front_delts", "triceps"],
    secondaryMuscles: ["upper_back"],
    equipment: "bodyweight",
    instructions:
      "Start in a push-up with your hips high so your body makes an upside-down V. Lower the top of your head toward the floor between your hands and press back up.",
  },
  {
    id: "pull-up",
    name: "Pull-Up",
    category: "strength",
    primaryMuscles: ["lats"],
    secondaryMuscles: ["biceps", "upper_back", "forearms"],
    equipment: "bodyweight",
    instructions:
      "Hang from a bar with an overhand grip slightly wider than your shoulders. Pull until your chin clears the bar, then lower to straight arms.",
  },
  {
    id: "chin-up",
    name: "Chin-Up",
    category: "strength",
    primaryMuscles: ["lats", "biceps"],
    secondaryMuscles: ["upper_back", "forearms"],
    equipment: "bodyweight",
    instructions:
      "Hang with palms facing you at shoulder width. Pull your chest toward the bar and lower under control.",
  },
  {
    id: "parallel-bar-dip",
    name: "Parallel Bar Dip",
    category: "strength",
    primaryMuscles: ["chest", "triceps"],
    secondaryMuscles: ["front_delts"],
    equipment: "bodyweight",
    instructions:
      "Support yourself on straight arms between the bars. Lower until the shoulders are just below the elbows, leaning slightly forward, and press back up.",
  },
  {
    id: "inverted-row",
    name: "Inverted Row",
    category: "strength",
    primaryMuscles: ["upper_back", "lats"],
    secondaryMuscles: ["biceps", "rear_delts", "abs"],
    equipment: "bodyweight",
    instructions:
      "Hang under a bar set at hip height with your body straight and heels on the floor. Pull your chest to the bar and lower slowly.",
  },
  {
    id: "bodyweight-squat",
    name: "Bodyweight Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["adductors", "calves"],
    equipment: "bodyweight",
    instructions:
      "Feet about shoulder width, arms forward for balance. Sit down as deep as you can with heels flat and stand back up.",
  },
  {
    id: "pistol-squat",
    name: "Pistol Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["calves", "abs", "hip_flexors"],
    equipment: "bodyweight",
    instructions:
      "Stand on one leg with the other straight out in front. Squat to full depth on the standing leg and rise without touching down; hold onto a post while you learn it.",
  },
  {
    id: "forward-lunge",
    name: "Forward Lunge",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["hamstrings", "adductors"],
    equipment: "bodyweight",
    instructions:
      "Step forward and lower until both knees are bent to about 90 degrees. Push back off the front foot to return to standing.",
  },
  {
    id: "glute-bridge",
    name: "Glute Bridge",
    category: "strength",
    primaryMuscles: ["glutes"],
    secondaryMuscles: ["hamstrings"],
    equipment: "bodyweight",
    instructions:
      "Lie on your back with knees bent and feet flat. Drive your hips up until your body is straight from knees to shoulders and squeeze the glutes.",
  },
  {
    id: "single-leg-calf-raise",
    name: "Single-Leg Calf Raise",
    category: "strength",
    primaryMuscles: ["calves"],
    secondaryMuscles: [],
    equipment: "bodyweight",
    instructions:
      "Stand on one foot on the edge of a step, lightly holding a wall. Lower the heel below the step and rise as high as you can.",
  },
  {
    id: "nordic-hamstring-curl",
    name: "Nordic Hamstring Curl",
    category: "strength",
    primaryMuscles: ["hamstrings"],
    secondaryMuscles: ["glutes"],
    equipment: "bodyweight",
    instructions:
      "Kneel with your ankles anchored. Lower your body forward as slowly as you can, hips straight, catch yourself with your hands and pull back up.",
  },
  {
    id: "front-plank",
    name: "Front Plank",
    category: "strength",
    primaryMuscles: ["abs"],
    secondaryMuscles: ["obliques", "front_delts", "glutes"],
    equipment: "bodyweight",
    instructions:
      "Rest on your forearms and toes with elbows under the shoulders. Squeeze glutes and brace so the body stays in one straight line; log the hold as one rep and its duration.",
  },
  {
    id: "side-plank",
    name: "Side Plank",
    category: "strength",
    primaryMuscles: ["obliques"],
    secondaryMuscles: ["abs", "abductors", "side_delts"],
    equipment: "bodyweight",
    instructions:
      "Lie on your side on one forearm, feet stacked. Lift your hips so the body is straight and hold without letting them sag.",
  },
  {
    id: "hanging-leg-raise",
    name: "Hanging Leg Raise",
    category: "strength",
    primaryMuscles: ["abs", "hip_flexors"],
    secondaryMuscles: ["obliques", "forearms"],
    equipment: "bodyweight",
    instructions:
      "Hang from a bar without swinging. Raise your legs by curling the pelvis up, then lower slowly.",
  },
  {
    id: "hollow-body-hold",
    name: "Hollow Body Hold",
    category: "strength",
    primaryMuscles: ["abs"],
    secondaryMuscles: ["hip_flexors"],
    equipment: "bodyweight",
    instructions:
      "Lie on your back, press the lower back into the floor and lift your shoulders and straight legs a few inches. Hold while breathing behind the brace.",
  },
  {
    id: "dead-bug",
    name: "Dead Bug",
    category: "strength",
    primaryMuscles: ["abs"],
    secondaryMuscles: ["obliques", "hip_flexors"],
    equipment: "bodyweight",
    instructions:
      "On your back with arms up and knees over the hips, keep your lower back flat. Slowly reach the opposite arm and leg away, return, and switch sides.",
  },
  {
    id: "bird-dog",
    name: "Bird Dog",
    category: "strength",
    primaryMuscles: ["lower_back", "abs"],
    secondaryMuscles: ["glutes", "obliques"],
    equipment: "bodyweight",
    instructions:
      "On hands and knees, reach one arm forward and the opposite leg back until both are level with your torso. Pause without tilting the hips and switch sides.",
  },
  {
    id: "russian-twist",
    name: "Russian Twist",
    category: "strength",
    primaryMuscles: ["obliques"],
    secondaryMuscles: ["abs", "hip_flexors"],
    equipment: "bodyweight",
    instructions:
      "Sit leaning back with a tall chest and feet light on the floor. Rotate your shoulders from side to side, touching the floor beside each hip.",
  },
  {
    id: "mountain-climber",
    name: "Mountain Climber",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "abs"],
    secondaryMuscles: ["hip_flexors", "front_delts", "quadriceps"],
    equipment: "bodyweight",
    instructions:
      "From a high plank, drive one knee toward your chest and switch legs quickly. Keep your hips level and your shoulders over your hands.",
  },
  {
    id: "burpee",
    name: "Burpee",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "quadriceps"],
    secondaryMuscles: ["chest", "triceps", "glutes", "abs"],
    equipment: "bodyweight",
    instructions:
      "Squat down, kick your feet back and lower your chest to the floor. Jump the feet back in and leap up with a clap overhead.",
  },
  {
    id: "high-knees",
    name: "High Knees",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "hip_flexors"],
    secondaryMuscles: ["quadriceps", "calves", "abs"],
    equipment: "bodyweight",
    instructions:
      "Run on the spot driving each knee to hip height. Stay on the balls of your feet and pump your arms.",
  },

  // Plyometric
  {
    id: "jump-squat",
    name: "Jump Squat",
    category: "plyometric",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["calves", "hamstrings"],
    equipment: "bodyweight",
    instructions:
      "Drop into a quarter to half squat and jump as high as you can. Land softly through the whole foot and flow straight into the next rep.",
  },
  {
    id: "broad-jump",
    name: "Broad Jump",
    category: "plyometric",
    primaryMuscles: ["glutes", "hamstrings", "quadriceps"],
    secondaryMuscles: ["calves"],
    equipment: "bodyweight",
    instructions:
      "Swing your arms back while hinging, then jump forward as far as you can. Stick the landing in a half squat before resetting.",
  },
  {
    id: "tuck-jump",
    name: "Tuck Jump",
    category: "plyometric",
    primaryMuscles: ["quadriceps", "hip_flexors"],
    secondaryMuscles: ["calves", "abs"],
    equipment: "bodyweight",
    instructions:
      "Jump straight up and pull both knees toward your chest at the top. Land quietly and go again with minimal ground contact.",
  },
  {
    id: "lateral-bound",
    name: "Lateral Bound",
    category: "plyometric",
    primaryMuscles: ["glutes", "abductors"],
    secondaryMuscles: ["quadriceps", "adductors", "calves"],
    equipment: "bodyweight",
    instructions:
      "Push off one leg and leap sideways onto the other. Land on the outside leg, hold for a second with the knee over the toes, and bound back.",
  },
  {
    id: "plyometric-push-up",
    name: "Plyometric Push-Up",
    category: "plyometric",
    primaryMuscles: ["chest", "triceps"],
    secondaryMuscles: ["front_delts", "abs"],
    equipment: "bodyweight",
    instructions:
      "Lower into a push-up and press so explosively that your hands leave the floor. Land with soft elbows and go straight into the next rep.",
  },
  {
    id: "box-jump",
    name: "Box Jump",
    category: "plyometric",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["calves", "hamstrings"],
    equipment: "other",
    instructions:
      "Stand close to a sturdy box, swing the arms and jump onto it, landing softly in a quarter squat. Stand tall on top and step down rather than jumping off.",
  },
  {
    id: "depth-jump",
    name: "Depth Jump",
    category: "plyometric",
    primaryMuscles: ["quadriceps", "calves"],
    secondaryMuscles: ["glutes", "hamstrings"],
    equipment: "other",
    instructions:
      "Step off a low box, land on both feet and rebound into a maximal vertical jump immediately. Keep ground contact as short as you can.",
  },
  {
    id: "medicine-ball-slam",
    name: "Medicine Ball Slam",
    category: "plyometric",
    primaryMuscles: ["lats", "abs"],
    secondaryMuscles: ["front_delts", "triceps", "cardiovascular"],
    equipment: "other",
    instructions:
      "Lift the ball overhead onto your toes, then slam it into the floor as hard as you can by crunching down. Catch it on the bounce or pick it up with a squat.",
  },

  // Kettlebell
  {
    id: "kettlebell-swing",
    name: "Kettlebell Swing",
    category: "strength",
    primaryMuscles: ["glutes", "hamstrings"],
    secondaryMuscles: ["lower_back", "abs", "forearms", "cardiovascular"],
    equipment: "kettlebell",
    instructions:
      "Hike the bell back between your thighs, then snap your hips forward so it floats to chest height. Let it fall, and hinge only when your forearms meet your hips.",
  },
  {
    id: "one-arm-kettlebell-swing",
    name: "One-Arm Kettlebell Swing",
    category: "strength",
    primaryMuscles: ["glutes", "hamstrings"],
    secondaryMuscles: ["obliques", "forearms", "lower_back"],
    equipment: "kettlebell",
    instructions:
      "Swing the bell with one hand, keeping the shoulder packed and the chest square. Resist the rotation and switch hands every set or on the float.",
  },
  {
    id: "kettlebell-deadlift",
    name: "Kettlebell Deadlift",
    category: "strength",
    primaryMuscles: ["glutes", "hamstrings"],
    secondaryMuscles: ["quadriceps", "lower_back", "forearms"],
    equipment: "kettlebell",
    instructions:
      "Stand with the kettlebell between your insteps. Hinge to grip the handle with a flat back and stand up by driving the hips forward.",
  },
  {
    id: "single-leg-kettlebell-deadlift",
    name: "Single-Leg Kettlebell Deadlift",
    category: "strength",
    primaryMuscles: ["hamstrings", "glutes"],
    secondaryMuscles: ["abductors", "lower_back", "abs"],
    equipment: "kettlebell",
    instructions:
      "Hold the bell in the hand opposite your standing leg. Hinge while the free leg reaches back, hips square to the floor, then return to standing.",
  },
  {
    id: "kettlebell-front-squat",
    name: "Kettlebell Front Squat",
    category: "strength",
    primaryMuscles: ["quadriceps", "glutes"],
    secondaryMuscles: ["abs", "upper_back", "adductors"],
    equipment: "kettlebell",
    instructions:
      "Hold one or two bells in the rack position, wrists straight and elbows tucked. Squat deep with an upright chest and stand.",
  },
  {
    id: "kettlebell-clean",
    name: "Kettlebell Clean",
    category: "strength",
    primaryMuscles: ["glutes", "hamstrings"],
    secondaryMuscles: ["forearms", "biceps", "upper_back"],
    equipment: "kettlebell",
    instructions:
      "Hike the bell back and drive the hips, keeping the elbow close so the bell travels up your body. Let it roll softly around your wrist into the rack.",
  },
  {
    id: "kettlebell-press",
    name: "Kettlebell Overhead Press",
    category: "strength",
    primaryMuscles: ["front_delts", "side_delts"],
    secondaryMuscles: ["triceps", "abs", "forearms"],
    equipment: "kettlebell",
    instructions:
      "From the rack, squeeze the handle and the glutes and press the bell overhead. Finish with the biceps by the ear and lower it back to the rack.",
  },
  {
    id: "kettlebell-snatch",
    name: "Kettlebell Snatch",
    category: "strength",
    primaryMuscles: ["glutes", "hamstrings", "front_delts"],
    secondaryMuscles: ["traps", "forearms", "cardiovascular"],
    equipment: "kettlebell",
    instructions:
      "Swing the bell back and drive the hips, keeping it close as it rises. Punch your hand through at the top so it lands softly overhead with a locked arm.",
  },
  {
    id: "kettlebell-thruster",
    name: "Kettlebell Thruster",
    category: "strength",
    primaryMuscles: ["quadriceps", "front_delts"],
    secondaryMuscles: ["glutes", "triceps", "cardiovascular"],
    equipment: "kettlebell",
    instructions:
      "Front squat the bells from the rack and use the drive out of the bottom to press them overhead in one motion. Return to the rack as you sink into the next squat.",
  },
  {
    id: "kettlebell-gorilla-row",
    name: "Kettlebell Gorilla Row",
    category: "strength",
    primaryMuscles: ["lats", "upper_back"],
    secondaryMuscles: ["biceps", "abs", "hamstrings"],
    equipment: "kettlebell",
    instructions:
      "Stand wide over two bells in a deep hinge. Row one bell to your hip while pressing the other into the floor, and alternate sides.",
  },
  {
    id: "turkish-get-up",
    name: "Turkish Get-Up",
    category: "strength",
    primaryMuscles: ["front_delts", "abs", "obliques"],
    secondaryMuscles: ["glutes", "quadriceps", "triceps"],
    equipment: "kettlebell",
    instructions:
      "Lying down with the bell locked out over your shoulder, roll to the elbow, then the hand, bridge and sweep the leg through to a kneel before standing. Keep your eyes on the bell and reverse each step to return to the floor.",
  },
  {
    id: "kettlebell-windmill",
    name: "Kettlebell Windmill",
    category: "mobility",
    primaryMuscles: ["obliques", "hamstrings"],
    secondaryMuscles: ["side_delts", "glutes"],
    equipment: "kettlebell",
    instructions:
      "Lock the bell overhead and turn your feet away from it. Push the hip out and slide your free hand down your leg, eyes on the bell, then stand back up.",
  },
  {
    id: "kettlebell-halo",
    name: "Kettlebell Halo",
    category: "mobility",
    primaryMuscles: ["front_delts", "side_delts"],
    secondaryMuscles: ["upper_back", "triceps", "abs"],
    equipment: "kettlebell",
    instructions:
      "Hold the bell upside down by the horns at chest height. Circle it slowly around your head, close to the neck, keeping the ribs down, and change direction each set.",
  },
  {
    id: "suitcase-carry",
    name: "Suitcase Carry",
    category: "strength",
    primaryMuscles: ["obliques", "forearms"],
    secondaryMuscles: ["traps", "abs", "abductors"],
    equipment: "kettlebell",
    instructions:
      "Carry one heavy bell at your side and walk tall. Do not lean toward or away from it; switch hands each length.",
  },

  // Band
  {
    id: "band-pull-apart",
    name: "Band Pull-Apart",
    category: "strength",
    primaryMuscles: ["rear_delts", "upper_back"],
    secondaryMuscles: ["traps"],
    equipment: "band",
    instructions:
      "Hold a light band at shoulder height with straight arms. Pull it apart until it touches your chest, squeezing the shoulder blades, and return slowly.",
  },
  {
    id: "band-face-pull",
    name: "Band Face Pull",
    category: "strength",
    primaryMuscles: ["rear_delts"],
    secondaryMuscles: ["upper_back", "traps"],
    equipment: "band",
    instructions:
      "Anchor a band at face height and pull it toward your forehead, elbows high. Rotate the hands back at the end as if showing your biceps.",
  },
  {
    id: "band-assisted-pull-up",
    name: "Band-Assisted Pull-Up",
    category: "strength",
    primaryMuscles: ["lats"],
    secondaryMuscles: ["biceps", "upper_back"],
    equipment: "band",
    instructions:
      "Loop a band over the bar and put one knee or foot in it. Pull your chin over the bar and lower under control; move to a lighter band as you progress.",
  },
  {
    id: "banded-lateral-walk",
    name: "Banded Lateral Walk",
    category: "strength",
    primaryMuscles: ["abductors", "glutes"],
    secondaryMuscles: ["quadriceps"],
    equipment: "band",
    instructions:
      "Put a mini band above your knees or around your ankles and sit into a quarter squat. Step sideways keeping tension on the band and the toes pointing forward.",
  },
  {
    id: "banded-good-morning",
    name: "Banded Good Morning",
    category: "strength",
    primaryMuscles: ["hamstrings", "lower_back"],
    secondaryMuscles: ["glutes"],
    equipment: "band",
    instructions:
      "Stand on a band and loop it behind your neck. Hinge forward with a flat back and stand up by driving the hips through.",
  },
  {
    id: "band-shoulder-dislocate",
    name: "Band Shoulder Dislocate",
    category: "mobility",
    primaryMuscles: ["front_delts", "rear_delts"],
    secondaryMuscles: ["chest", "upper_back"],
    equipment: "band",
    instructions:
      "Hold a light band with a wide grip in front of your hips. Keeping the arms straight, lift it over your head and behind you, then back; narrow the grip as your shoulders open up.",
  },

  // Mobility
  {
    id: "worlds-greatest-stretch",
    name: "World's Greatest Stretch",
    category: "mobility",
    primaryMuscles: ["hip_flexors", "hamstrings"],
    secondaryMuscles: ["upper_back", "adductors", "glutes"],
    equipment: "bodyweight",
    instructions:
      "Step into a deep lunge and put the same-side hand on the floor inside your front foot. Drop the elbow toward the instep, then rotate and reach the arm to the ceiling; switch sides.",
  },
  {
    id: "cat-cow",
    name: "Cat-Cow",
    category: "mobility",
    primaryMuscles: ["lower_back", "upper_back"],
    secondaryMuscles: ["abs"],
    equipment: "bodyweight",
    instructions:
      "On hands and knees, round your spine toward the ceiling and tuck your chin. Then let the belly drop and lift the chest, moving slowly with your breath.",
  },
  {
    id: "hip-90-90-switch",
    name: "90/90 Hip Switch",
    category: "mobility",
    primaryMuscles: ["glutes", "hip_flexors"],
    secondaryMuscles: ["adductors", "abductors"],
    equipment: "bodyweight",
    instructions:
      "Sit with both knees bent to 90 degrees, one leg in front and one to the side. Rotate both knees over to the other side without using your hands, sitting tall.",
  },
  {
    id: "couch-stretch",
    name: "Couch Stretch",
    category: "mobility",
    primaryMuscles: ["hip_flexors", "quadriceps"],
    secondaryMuscles: [],
    equipment: "bodyweight",
    instructions:
      "Kneel with your back shin up against a wall or couch and the other foot forward. Squeeze the glute of the back leg and lift your chest until you feel the front of the hip stretch.",
  },
  {
    id: "open-book-thoracic-rotation",
    name: "Open Book Thoracic Rotation",
    category: "mobility",
    primaryMuscles: ["upper_back"],
    secondaryMuscles: ["chest", "obliques"],
    equipment: "bodyweight",
    instructions:
      "Lie on your side with knees bent and arms together in front. Keeping the knees stacked, open the top arm across your body and follow it with your eyes.",
  },
  {
    id: "deep-squat-hold",
    name: "Deep Squat Hold",
    category: "mobility",
    primaryMuscles: ["adductors", "glutes"],
    secondaryMuscles: ["calves", "lower_back"],
    equipment: "bodyweight",
    instructions:
      "Sink into the bottom of a squat with heels down and push your knees out with your elbows. Breathe and shift gently side to side.",
  },
  {
    id: "cossack-squat",
    name: "Cossack Squat",
    category: "mobility",
    primaryMuscles: ["adductors", "quadriceps"],
    secondaryMuscles: ["glutes", "hamstrings"],
    equipment: "bodyweight",
    instructions:
      "Take a very wide stance and sit down over one leg while the other stays straight with toes up. Keep the heel of the bent leg down and shift to the other side.",
  },
  {
    id: "inchworm",
    name: "Inchworm",
    category: "mobility",
    primaryMuscles: ["hamstrings", "abs"],
    secondaryMuscles: ["front_delts", "calves"],
    equipment: "bodyweight",
    instructions:
      "From standing, fold forward and walk your hands out to a plank. Walk your feet back toward your hands with legs as straight as you can manage.",
  },
  {
    id: "knee-to-wall-ankle-mobilization",
    name: "Knee-to-Wall Ankle Mobilization",
    category: "mobility",
    primaryMuscles: ["calves"],
    secondaryMuscles: [],
    equipment: "bodyweight",
    instructions:
      "Stand facing a wall in a split stance. Drive the front knee toward the wall over the little toes while the heel stays down, and inch the foot back as it loosens.",
  },
  {
    id: "back-extension",
    name: "45-Degree Back Extension",
    category: "strength",
    primaryMuscles: ["lower_back", "glutes"],
    secondaryMuscles: ["hamstrings"],
    equipment: "other",
    instructions:
      "Set the pad just below your hip bones. Lower your torso with a neutral spine and rise until your body is in a straight line, squeezing the glutes.",
  },

  // Cardio
  {
    id: "treadmill-run",
    name: "Treadmill Run",
    category: "cardio",
    primaryMuscles: ["cardiovascular"],
    secondaryMuscles: ["quadriceps", "hamstrings", "calves"],
    equipment: "cardio_machine",
    instructions:
      "Run tall with a relaxed upper body and quick, light steps landing under your hips. Set a 1 percent incline to mimic running outdoors.",
  },
  {
    id: "incline-treadmill-walk",
    name: "Incline Treadmill Walk",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "glutes"],
    secondaryMuscles: ["calves", "hamstrings"],
    equipment: "cardio_machine",
    instructions:
      "Set a steep incline and a brisk walking pace. Walk without holding the handrails and keep your posture upright.",
  },
  {
    id: "rowing-machine",
    name: "Rowing Machine",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "lats"],
    secondaryMuscles: ["quadriceps", "glutes", "upper_back", "biceps"],
    equipment: "cardio_machine",
    instructions:
      "Drive with the legs first, then swing the body back and finish by pulling the handle to your lower ribs. Return in reverse order: arms, body, then legs.",
  },
  {
    id: "assault-bike",
    name: "Assault Bike",
    category: "cardio",
    primaryMuscles: ["cardiovascular"],
    secondaryMuscles: ["quadriceps", "glutes", "front_delts", "chest"],
    equipment: "cardio_machine",
    instructions:
      "Push and pull the handles while you pedal so arms and legs share the work. For sprints, sit tall and go all out; for recovery, spin easily.",
  },
  {
    id: "stationary-bike",
    name: "Stationary Bike",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "quadriceps"],
    secondaryMuscles: ["glutes", "calves"],
    equipment: "cardio_machine",
    instructions:
      "Set the saddle so your knee is slightly bent at the bottom of the stroke. Pedal smoothly at a steady cadence with a relaxed upper body.",
  },
  {
    id: "stair-climber",
    name: "Stair Climber",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "glutes"],
    secondaryMuscles: ["quadriceps", "calves"],
    equipment: "cardio_machine",
    instructions:
      "Step with your whole foot on each stair and stand tall. Rest your hands lightly on the rails for balance rather than leaning on them.",
  },
  {
    id: "elliptical-trainer",
    name: "Elliptical Trainer",
    category: "cardio",
    primaryMuscles: ["cardiovascular"],
    secondaryMuscles: ["quadriceps", "glutes", "hamstrings"],
    equipment: "cardio_machine",
    instructions:
      "Keep your heels down and push through the pedals as you move the handles. Stay upright and raise the resistance rather than the speed to work harder.",
  },
  {
    id: "ski-erg",
    name: "Ski Erg",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "lats"],
    secondaryMuscles: ["triceps", "abs", "glutes"],
    equipment: "cardio_machine",
    instructions:
      "Reach the handles high, then pull them down past your hips while hinging and bending the knees slightly. Let the arms rise back as you stand tall.",
  },
  {
    id: "jump-rope",
    name: "Jump Rope",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "calves"],
    secondaryMuscles: ["forearms", "front_delts"],
    equipment: "other",
    instructions:
      "Turn the rope with your wrists, elbows close to your sides. Bounce lightly on the balls of your feet, only just clearing the rope.",
  },
  {
    id: "sled-push",
    name: "Sled Push",
    category: "cardio",
    primaryMuscles: ["quadriceps", "glutes", "cardiovascular"],
    secondaryMuscles: ["calves", "chest", "triceps"],
    equipment: "other",
    instructions:
      "Lean into the sled with straight arms and your body at about 45 degrees. Drive with short, powerful steps and keep your hips low.",
  },
  {
    id: "battle-rope-waves",
    name: "Battle Rope Waves",
    category: "cardio",
    primaryMuscles: ["cardiovascular", "front_delts"],
    secondaryMuscles: ["forearms", "abs", "biceps"],
    equipment: "other",
    instructions:
      "Sit into a half squat holding one rope end in each hand. Whip the arms up and down in alternation to send fast waves to the anchor.",
  },
];
