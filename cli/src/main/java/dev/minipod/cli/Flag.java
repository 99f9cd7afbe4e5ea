package dev.minipod.cli;

/** One command-line flag: {@code --name}, optional one-letter shorthand, boolean or taking a value. */
final class Flag {
    final String name;
    final char shorthand;
    final boolean takesValue;
    final String placeholder;
    final String help;

    private Flag(String name, char shorthand, boolean takesValue, String placeholder, String help) {
        this.name = name;
        this.shorthand = shorthand;
        this.takesValue = takesValue;
        this.placeholder = placeholder;
        this.help = help;
    }

    /** A boolean flag: {@code --force}, {@code --force=false}. */
    static Flag bool(String name, char shorthand, String help) { return new Flag(name, shorthand, false, null, help); }

    /** A flag with a value: {@code --output json}, {@code --output=json}, {@code -o json}, {@code -ojson}. */
    static Flag value(String name, char shorthand, String placeholder, String help) {
        return new Flag(name, shorthand, true, placeholder, help);
    }

    static final char NO_SHORTHAND = 0;

    /** The help line: {@code   -o, --output=FORMAT   text}. */
    String helpLine() {
        String names = (shorthand != NO_SHORTHAND ? "-" + shorthand + ", " : "    ") + "--" + name
                + (takesValue ? "=" + placeholder : "");
        return "  " + names + " ".repeat(Math.max(2, 30 - names.length())) + help + "\n";
    }
}
