package dev.minipod.cli;

/** Time for the verbs that poll (wait, get -w): the system's, or a fake one in tests. */
interface PollClock {
    long nanoTime();

    void sleep(long millis) throws InterruptedException;

    PollClock SYSTEM = new PollClock() {
        @Override
        public long nanoTime() { return System.nanoTime(); }

        @Override
        public void sleep(long millis) throws InterruptedException { Thread.sleep(millis); }
    };
}
