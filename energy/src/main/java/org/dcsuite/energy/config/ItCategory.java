package org.dcsuite.energy.config;

/**
 * Where IT energy is metered, as ISO/IEC 30134-2 names the PUE categories: the further downstream, the
 * fewer losses are counted as IT and the higher (more honest) the PUE.
 */
public enum ItCategory {
    UPS_OUTPUT(1, "UPS output"),
    PDU_OUTPUT(2, "PDU output"),
    IT_EQUIPMENT_INPUT(3, "IT equipment input");

    private final int number;
    private final String place;

    ItCategory(int number, String place) {
        this.number = number;
        this.place = place;
    }

    public int number() {
        return number;
    }

    /** Where the IT meters sit, for labels: "UPS output". */
    public String place() {
        return place;
    }

    /** "category 1 (UPS output)". */
    public String label() {
        return "category " + number + " (" + place + ")";
    }

    /** @throws IllegalArgumentException naming the accepted numbers */
    public static ItCategory ofNumber(long number) {
        for (ItCategory c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        throw new IllegalArgumentException("must be 1 (UPS output), 2 (PDU output) or 3 (IT equipment input), got "
                + number);
    }
}
