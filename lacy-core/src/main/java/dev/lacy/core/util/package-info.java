/**
 * Small helpers every module may use, with no dependency on the rest of the core or on anything else.
 */
package dev.lacy.core.util;
