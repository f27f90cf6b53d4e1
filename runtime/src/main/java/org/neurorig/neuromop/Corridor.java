package org.neurorig.neuromop;

/**
 * Two round rooms in the (x1, x2) plane joined by a narrow corridor; terminal outside their union. The
 * paper does not publish its geometry; ours: rooms of radius {@code roomRadius} centred at
 * (-{@code halfDistance}, 0) and (+{@code halfDistance}, 0), joined along x2 = 0 by a corridor
 * |x2| &lt;= {@code corridorHalfWidth}. The margin is the distance to the nearest wall.
 */
public record Corridor(double halfDistance, double roomRadius, double corridorHalfWidth, int first, int second)
        implements TerminalSet {

    public Corridor {
        if (!(roomRadius > 0) || !(corridorHalfWidth > 0) || corridorHalfWidth >= roomRadius
                || halfDistance <= roomRadius) {
            throw new IllegalArgumentException("corridor geometry: expected 0 < half-width (" + corridorHalfWidth
                    + ") < room radius (" + roomRadius + ") < half-distance (" + halfDistance + ")");
        }
    }

    /**
     * Ours: rooms of radius 0.1 at x1 = +-0.2, a corridor 0.06 wide (|x2| &lt;= 0.03) between them. A room
     * is about the size of the square task's square; with dt = 0.1 one step moves a unit by up to about
     * 0.1, so a narrower room or corridor leaves no action that stays inside.
     */
    public static Corridor standard() {
        return new Corridor(0.2, 0.1, 0.03, 0, 1);
    }

    /** Where (x1, x2) is: -1 in the left room, +1 in the right room, 0 in the corridor, 2 outside. */
    public int place(double x1, double x2) {
        if (roomDepth(x1 + halfDistance, x2) >= 0) {
            return -1;
        }
        if (roomDepth(x1 - halfDistance, x2) >= 0) {
            return 1;
        }
        return corridorDepth(x1, x2) >= 0 ? 0 : 2;
    }

    private double roomDepth(double dx, double dy) {
        return roomRadius - Math.sqrt(dx * dx + dy * dy);
    }

    private double corridorDepth(double x1, double x2) {
        double along = halfDistance - Math.abs(x1);
        return along < 0 ? -1 : corridorHalfWidth - Math.abs(x2);
    }

    @Override
    public boolean isTerminal(float[] states, int offset) {
        return margin(states, offset) < 0;
    }

    @Override
    public double margin(float[] states, int offset) {
        double x1 = states[offset + first];
        double x2 = states[offset + second];
        double rooms = Math.max(roomDepth(x1 + halfDistance, x2), roomDepth(x1 - halfDistance, x2));
        return Math.max(rooms, corridorDepth(x1, x2));
    }

    @Override
    public String name() {
        return "corridor";
    }
}
