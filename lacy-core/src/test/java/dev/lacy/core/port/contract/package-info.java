/**
 * Abstract contract tests of the core's ports, shipped in the core's test-jar. Every adapter's test
 * extends the contract of each port it implements, so that the embedded simulator, CoppeliaSim and
 * the real robot are held to the same behaviour.
 */
package dev.lacy.core.port.contract;
