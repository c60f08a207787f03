package dev.lacy.examples.cli;

import dev.lacy.franka.arm.MotionConfirmation;
import dev.lacy.franka.arm.MotionPlan;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows the first motion's plan and asks the operator at the terminal. Without a terminal (a
 * script, CI) nobody can answer, so the motion is not confirmed: a real robot never moves unasked.
 */
final class ConsoleConfirmation implements MotionConfirmation {

    private final PrintWriter err;

    ConsoleConfirmation(PrintWriter err) {
        this.err = err;
    }

    @Override
    public boolean confirm(MotionPlan plan) {
        err.println("The robot will move: " + plan.describe());
        err.flush();
        Console console = System.console();
        if (console == null) {
            err.println("No terminal to confirm on: not moving. Run from a terminal, or use --dry-run to check the plan.");
            err.flush();
            return false;
        }
        String answer = console.readLine("Is the workspace clear and the emergency stop in reach? Move the robot [y/N]: ");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).equals("y");
    }
}
