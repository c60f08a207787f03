/**
 * The one place that names the adapters: {@link dev.lacy.examples.wiring.Adapters} (the model loader, trainer and
 * dataset stores a command uses) and the Guice modules, one per adapter plus the domain's own services, chosen once
 * per command.
 */
package dev.lacy.examples.wiring;
