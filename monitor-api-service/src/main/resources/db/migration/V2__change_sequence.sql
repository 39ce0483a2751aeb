-- Change numbers for the live event stream (GET /api/volume-trap/events): every insert or update of a monitor row
-- takes the next number of one sequence, so "what changed after N" is one indexed range read and a reconnecting
-- client resumes from the last event id it saw. Numbers follow commit order because the projector serialises its
-- transactions with an advisory lock taken before it writes.
CREATE SEQUENCE monitor_change_seq;

ALTER TABLE monitor ADD COLUMN change_seq BIGINT;
UPDATE monitor SET change_seq = nextval('monitor_change_seq');
ALTER TABLE monitor ALTER COLUMN change_seq SET NOT NULL;
CREATE INDEX monitor_change_idx ON monitor (change_seq);

CREATE FUNCTION monitor_take_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := nextval('monitor_change_seq');
    RETURN NEW;
END
$$;

CREATE TRIGGER monitor_change_seq_trigger BEFORE INSERT OR UPDATE ON monitor
    FOR EACH ROW EXECUTE FUNCTION monitor_take_change_seq();
