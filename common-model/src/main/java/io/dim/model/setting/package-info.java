/** Runtime settings persisted in {@code system_setting}. */
package io.dim.model.setting;
