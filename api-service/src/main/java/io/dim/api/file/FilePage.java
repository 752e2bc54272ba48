package io.dim.api.file;

import java.util.List;

/** A page of GET /files. */
public record FilePage(List<FileSummary> items, int page, int size, long total, long totalPages) {

}
