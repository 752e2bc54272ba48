/** The dashboard's overview page. */
package io.dim.dashboard.overview;
