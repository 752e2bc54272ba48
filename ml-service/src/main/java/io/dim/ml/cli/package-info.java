/** Command-line option parsing shared by ml-service's commands. */
package io.dim.ml.cli;
