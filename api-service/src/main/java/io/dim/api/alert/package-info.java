/**
 * Alerts: rules evaluated on an interval, deduplicated by rule and subject, resolving
 * themselves when their condition clears, with history, acknowledgement and a metric.
 */
package io.dim.api.alert;
