package org.dcsuite.simulator.model;

import java.util.SplittableRandom;

/**
 * Derives an independent random stream per model part from the fleet seed and the part's id, so adding a
 * device or a site never changes the numbers another part draws.
 */
final class Seeds {

    private Seeds() {
    }

    static SplittableRandom random(long seed, String id) {
        long h = seed;
        for (int i = 0; i < id.length(); i++) {
            h = mix(h ^ id.charAt(i));
        }
        return new SplittableRandom(mix(h ^ id.length()));
    }

    /** The SplitMix64 finaliser: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
