/**
 * The Kratix API as Pledge serves it: custom-resource classes (spec and status) with no behaviour, and the
 * contract every other package spells through these constants, never as literals:
 * <ul>
 * <li>{@link dev.pledge.api.Kratix}: group, version, the system namespace, md5;</li>
 * <li>{@link dev.pledge.api.KratixLabels}: label, annotation and finalizer keys;</li>
 * <li>{@link dev.pledge.api.KratixConditions}: condition types, reasons, fixed messages;</li>
 * <li>{@link dev.pledge.api.KratixEnv}: the {@code KRATIX_*} environment of pipeline containers;</li>
 * <li>{@link dev.pledge.api.SelectorSources}: the wire names of a selector's source;</li>
 * </ul>
 */
package dev.pledge.api;
