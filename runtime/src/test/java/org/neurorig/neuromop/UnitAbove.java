package org.neurorig.neuromop;

/** A terminal set for tests: terminal when unit 0 exceeds a level. */
record UnitAbove(double level) implements TerminalSet {
    @Override
    public boolean isTerminal(float[] states, int offset) {
        return states[offset] > level;
    }

    @Override
    public double margin(float[] states, int offset) {
        return level - states[offset];
    }

    @Override
    public String name() {
        return "x0 > " + level;
    }
}
