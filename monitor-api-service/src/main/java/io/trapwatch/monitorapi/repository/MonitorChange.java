package io.trapwatch.monitorapi.repository;

/** A monitor as it is after its latest change; {@code sequence} orders every change of the whole read model. */
public record MonitorChange(long sequence, MonitorRow monitor) {
}
