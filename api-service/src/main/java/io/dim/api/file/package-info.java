/** Read side of the managed objects: GET /files and GET /files/{key}. */
package io.dim.api.file;
