package io.inflow.sandbox.mindbody;

import java.util.List;

/**
 * The studio's fixed parts, the same for every seed: its locations and rooms, programs, class descriptions and
 * pricing options.
 */
final class Catalogue {

    private Catalogue() {}

    record Location(int id, String name, String address, String city, String state, String postalCode, String phone,
                    List<Room> rooms) {}

    /** A room offers the classes of some programs. */
    record Room(String name, List<Integer> programIds) {}

    record Program(int id, String name, int cancelOffset, int capacity, String category, int categoryId) {}

    record Description(int id, String name, String text, Program program, String level, int levelId, int minutes) {}

    record PricingOption(int id, String name, boolean service, double price, int categoryId, int subCategoryId) {}

    static final List<Program> PROGRAMS = List.of(
            new Program(21, "Yoga", 12, 30, "Yoga", 1),
            new Program(22, "Pilates Mat", 12, 20, "Pilates", 2),
            new Program(23, "Reformer", 24, 12, "Pilates", 2),
            new Program(24, "Barre", 12, 22, "Barre", 3),
            new Program(25, "HIIT", 12, 20, "Fitness", 4),
            new Program(26, "Cycling", 12, 24, "Fitness", 4),
            new Program(27, "Meditation", 6, 25, "Mindfulness", 5));

    private static final List<List<String>> NAMES = List.of(
            List.of("Vinyasa Flow", "Hatha Basics", "Yin Yoga", "Power Yoga", "Restorative Yoga", "Hot Vinyasa",
                    "Slow Flow", "Yoga Sculpt", "Ashtanga Primary Series", "Candlelight Flow", "Prenatal Yoga",
                    "Yoga Fundamentals"),
            List.of("Mat Pilates", "Pilates Core", "Pilates Fundamentals", "Pilates Fusion", "Pilates Sculpt",
                    "Pilates Stretch", "Pilates Mat Flow", "Pilates with Props", "Pilates Burn", "Pilates for Backs",
                    "Classical Mat", "Pilates Express"),
            List.of("Reformer Foundations", "Reformer Flow", "Reformer Strength", "Reformer Cardio Jump",
                    "Reformer Tower", "Reformer Stretch", "Reformer Sculpt", "Reformer Power", "Reformer Express",
                    "Reformer Barre", "Reformer Athletic", "Reformer Classical"),
            List.of("Barre Basics", "Barre Burn", "Barre Cardio", "Barre Sculpt", "Barre Flow", "Barre Fusion",
                    "Barre Strength", "Barre Express", "Barre Stretch", "Barre Pulse", "Barre Tone", "Barre Power"),
            List.of("HIIT Express", "HIIT Strength", "Bootcamp", "Tabata", "Circuit Training", "Kettlebell Conditioning",
                    "Metcon", "Core Blast", "Sweat 45", "Athletic Conditioning", "Boxing Fit", "Functional Strength"),
            List.of("Rhythm Ride", "Endurance Ride", "Climb", "Intervals Ride", "Beginner Ride", "Power Ride",
                    "Ride 45", "Tempo Ride", "Ride and Sculpt", "Hill Ride", "Sprint Ride", "Recovery Ride"),
            List.of("Guided Meditation", "Breathwork", "Sound Bath", "Yoga Nidra", "Mindful Mornings", "Body Scan",
                    "Loving Kindness", "Meditation Basics", "Walking Meditation", "Pranayama", "Mantra Meditation",
                    "Stress Release"));

    private static final List<String> LEVELS = List.of("All Levels", "Beginner", "Intermediate", "Advanced");
    private static final List<String> AUDIENCES = List.of("every level", "beginners", "intermediate students",
            "advanced students");
    private static final List<Integer> MINUTES = List.of(60, 60, 75, 60, 60, 45, 60, 60, 90, 75, 60, 45);

    static final List<Description> DESCRIPTIONS = descriptions();

    static final List<Location> LOCATIONS = List.of(
            new Location(1, "Pearl District", "1120 NW Couch St", "Portland", "OR", "97209", "(503) 555-0142",
                    List.of(new Room("Studio A", List.of(21, 27)), new Room("Studio B", List.of(21, 22, 24)),
                            new Room("Reformer Room", List.of(23)), new Room("Cycle Room", List.of(26, 25)))),
            new Location(2, "Hawthorne", "3534 SE Hawthorne Blvd", "Portland", "OR", "97214", "(503) 555-0167",
                    List.of(new Room("Main Studio", List.of(21)), new Room("Annex", List.of(24, 25, 27)),
                            new Room("Reformer Room", List.of(23, 22)))),
            new Location(3, "Lake Oswego", "480 2nd St", "Lake Oswego", "OR", "97034", "(503) 555-0188",
                    List.of(new Room("Sun Room", List.of(21, 27)), new Room("Strength Studio", List.of(25, 24, 22)),
                            new Room("Reformer Room", List.of(23)))));

    static final PricingOption UNLIMITED = new PricingOption(1001, "Unlimited Monthly Membership", true, 159.0, 11, 111);
    static final PricingOption EIGHT_A_MONTH = new PricingOption(1002, "8 Classes per Month Membership", true, 119.0, 11, 111);
    static final PricingOption CLASS_PACK = new PricingOption(1003, "10 Class Pack", true, 220.0, 12, 121);
    static final PricingOption DROP_IN = new PricingOption(1004, "Drop-In Class", true, 28.0, 12, 122);
    static final PricingOption INTRO = new PricingOption(1005, "Intro Month Unlimited", true, 59.0, 12, 123);
    static final PricingOption REFORMER_PACK = new PricingOption(1006, "Reformer 5 Pack", true, 175.0, 12, 121);
    static final List<PricingOption> MEMBERSHIPS = List.of(UNLIMITED, EIGHT_A_MONTH);
    static final List<PricingOption> VISITOR_SERVICES = List.of(CLASS_PACK, DROP_IN, INTRO, REFORMER_PACK);
    static final List<PricingOption> RETAIL = List.of(
            new PricingOption(2001, "Yoga Mat", false, 78.0, 21, 211),
            new PricingOption(2002, "Grip Socks", false, 16.0, 21, 212),
            new PricingOption(2003, "Water Bottle", false, 24.0, 21, 213),
            new PricingOption(2004, "Studio Tee", false, 32.0, 22, 221),
            new PricingOption(2005, "Cork Block", false, 18.0, 21, 211));

    private static List<Description> descriptions() {
        List<Description> descriptions = new java.util.ArrayList<>();
        for (int p = 0; p < PROGRAMS.size(); p++) {
            Program program = PROGRAMS.get(p);
            List<String> names = NAMES.get(p);
            for (int n = 0; n < names.size(); n++) {
                int level = (n * 7 + p) % LEVELS.size();
                String name = names.get(n);
                descriptions.add(new Description(descriptions.size() + 1, name,
                        name + ": a " + MINUTES.get(n) + "-minute " + program.name().toLowerCase(java.util.Locale.ROOT)
                                + " class for " + AUDIENCES.get(level) + ".",
                        program, LEVELS.get(level), level + 1, MINUTES.get(n)));
            }
        }
        return List.copyOf(descriptions);
    }

    static List<Description> descriptionsOf(int programId) {
        return DESCRIPTIONS.stream().filter(d -> d.program().id() == programId).toList();
    }

    static final List<String> FEMALE_NAMES = List.of("Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Amelia",
            "Harper", "Evelyn", "Abigail", "Emily", "Ella", "Elizabeth", "Sofia", "Avery", "Scarlett", "Grace", "Chloe",
            "Victoria", "Riley", "Aria", "Lily", "Zoey", "Hannah", "Nora", "Leah", "Hazel", "Ellie", "Maya", "Naomi",
            "Priya", "Mei", "Ana", "Jasmine", "Claire", "Rachel", "Megan", "Sarah", "Laura", "Julia");
    static final List<String> MALE_NAMES = List.of("Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin",
            "Lucas", "Henry", "Alexander", "Daniel", "Matthew", "Samuel", "David", "Joseph", "Carter", "Owen", "Wyatt",
            "Jack", "Luke", "Ethan", "Ryan", "Nathan", "Aaron", "Kenji", "Diego", "Marcus", "Theo", "Adam", "Sam");
    static final List<String> LAST_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
            "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
            "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Flores",
            "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen",
            "Patel", "Kim", "Nakamura", "Larsen", "Olsen", "Fischer", "Novak", "Murphy", "O'Brien", "Kowalski");
    static final List<String> STREETS = List.of("NE Alberta St", "SE Division St", "NW 23rd Ave", "SE Belmont St",
            "N Williams Ave", "NE Broadway", "SW Macadam Ave", "SE Clinton St", "NE Fremont St", "N Mississippi Ave",
            "SW Capitol Hwy", "SE Woodstock Blvd", "NW Thurman St", "A Ave", "Boones Ferry Rd", "SW Corbett Ave");
    /** City and ZIP code pairs around the studio's locations. */
    static final List<List<String>> CITIES = List.of(List.of("Portland", "97202"), List.of("Portland", "97209"),
            List.of("Portland", "97211"), List.of("Portland", "97214"), List.of("Portland", "97215"),
            List.of("Portland", "97219"), List.of("Portland", "97239"), List.of("Lake Oswego", "97034"),
            List.of("Lake Oswego", "97035"), List.of("Milwaukie", "97222"), List.of("Beaverton", "97005"),
            List.of("Tigard", "97223"), List.of("West Linn", "97068"));
    static final List<String> REFERRALS = List.of("Google", "Instagram", "Friend", "ClassPass", "Walk-in", "Yelp");
    static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.net", "example.org");
}
