package io.trapwatch.monitorapi.service;

/** A page number past the last page of the current result. */
public class PageBeyondEndException extends RuntimeException {

    private final long page;
    private final long lastPage;

    public PageBeyondEndException(long page, long lastPage) {
        super("page " + page + " is past the last page (" + lastPage + ")");
        this.page = page;
        this.lastPage = lastPage;
    }

    public long page() {
        return page;
    }

    public long lastPage() {
        return lastPage;
    }
}
