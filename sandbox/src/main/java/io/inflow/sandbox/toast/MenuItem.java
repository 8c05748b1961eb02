package io.inflow.sandbox.toast;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** An item of the restaurant's menu, as a selection refers to it. */
record MenuItem(String guid, String name, String groupGuid, String salesCategoryGuid, long priceCents) {

    static final String FOOD = guid("sales-category:Food");
    static final String BEVERAGE = guid("sales-category:Beverage");
    static final String ALCOHOL = guid("sales-category:Alcohol");

    static final List<MenuItem> STARTERS = List.of(
            item("Clam Chowder", "Starters", FOOD, 895), item("Crispy Calamari", "Starters", FOOD, 1395),
            item("Caesar Salad", "Starters", FOOD, 1095), item("Oysters (6)", "Starters", FOOD, 1850),
            item("Fries", "Starters", FOOD, 595));
    static final List<MenuItem> MAINS = List.of(
            item("Lobster Roll", "Mains", FOOD, 2995), item("Fish and Chips", "Mains", FOOD, 2150),
            item("Harbor Burger", "Mains", FOOD, 1795), item("Seared Scallops", "Mains", FOOD, 3250),
            item("Linguine Vongole", "Mains", FOOD, 2450), item("Grilled Salmon", "Mains", FOOD, 2695),
            item("Steak Frites", "Mains", FOOD, 3495), item("Veggie Bowl", "Mains", FOOD, 1695));
    static final List<MenuItem> DESSERTS = List.of(
            item("Key Lime Pie", "Desserts", FOOD, 950), item("Chocolate Cake", "Desserts", FOOD, 1050),
            item("Affogato", "Desserts", FOOD, 795));
    static final List<MenuItem> DRINKS = List.of(
            item("Lemonade", "Drinks", BEVERAGE, 495), item("Iced Tea", "Drinks", BEVERAGE, 450),
            item("Espresso", "Drinks", BEVERAGE, 395), item("Sparkling Water", "Drinks", BEVERAGE, 550),
            item("Draft IPA", "Drinks", ALCOHOL, 850), item("House Red", "Drinks", ALCOHOL, 1200),
            item("House White", "Drinks", ALCOHOL, 1150), item("Margarita", "Drinks", ALCOHOL, 1400));

    private static MenuItem item(String name, String group, String salesCategory, long priceCents) {
        return new MenuItem(guid("menu-item:" + name), name, guid("menu-group:" + group), salesCategory, priceCents);
    }

    /** A stable GUID for a named thing of the restaurant's configuration. */
    static String guid(String name) {
        return UUID.nameUUIDFromBytes(("toast-sandbox:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
