import { type Kysely, sql } from 'kysely';

/**
 * Decisions (server/modules/decisions): the counts a decision's state depends on, kept by the database;
 * and the two-factor step-ups spent on positions.
 *
 * A decision's state is still derived from the clock on every read (decision.ts), but the list
 * filtered by state used to count every decision's positions on every request: 10,000 decisions and
 * 125,000 positions aggregated to show 50 rows. `decision_tallies` holds, per decision, the current
 * positions of its member states that count (blocking and joining ones recorded before the expiry,
 * and all of them), kept right by triggers in the same transaction as the change:
 *  - a position recorded adds its kind's delta, a position superseded takes it away. Deltas commute,
 *    so concurrent positions of different states on one decision add up (no lost update);
 *  - launching or extending a decision (its members or expiry change) recounts it from the positions:
 *    the Chair's actions hold the decision row for update, so no position is being recorded meanwhile.
 * Stored separately from `decisions`: positions share-lock the decision row, and updating that row from
 * each of them would make concurrent positions deadlock.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE decision_tallies (
      decision_id uuid PRIMARY KEY REFERENCES decisions (id),
      blocking_count integer NOT NULL DEFAULT 0 CHECK (blocking_count >= 0),
      joined_count integer NOT NULL DEFAULT 0 CHECK (joined_count >= 0),
      acted_count integer NOT NULL DEFAULT 0 CHECK (acted_count >= 0)
    )`.execute(db);

  // What one position contributes to its decision's tallies, given the decision's members and expiry.
  await sql`
    CREATE FUNCTION decision_position_delta(d decisions, party uuid, kind text, recorded_at timestamptz, OUT blocking integer, OUT joined integer, OUT acted integer)
    LANGUAGE sql IMMUTABLE AS $$
      SELECT (party = ANY (d.member_party_ids) AND kind IN ('objection', 'amendment') AND (d.expires_at IS NULL OR recorded_at < d.expires_at))::int,
             (party = ANY (d.member_party_ids) AND kind = 'joins' AND (d.expires_at IS NULL OR recorded_at < d.expires_at))::int,
             (party = ANY (d.member_party_ids))::int
    $$`.execute(db);

  // Positions recorded (one statement may insert many: the seed, a bench): add what the current ones count.
  await sql`
    CREATE FUNCTION decision_positions_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO decision_tallies AS t (decision_id, blocking_count, joined_count, acted_count)
      SELECT c.decision_id, sum((c.x).blocking), sum((c.x).joined), sum((c.x).acted)
      FROM (SELECT r.decision_id, decision_position_delta(d, r.party_id, r.kind, r.recorded_at) AS x
            FROM (SELECT * FROM added WHERE is_current) r JOIN decisions d ON d.id = r.decision_id) c
      GROUP BY c.decision_id
      ON CONFLICT (decision_id) DO UPDATE SET
        blocking_count = t.blocking_count + EXCLUDED.blocking_count,
        joined_count = t.joined_count + EXCLUDED.joined_count,
        acted_count = t.acted_count + EXCLUDED.acted_count;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER decision_positions_tally_insert AFTER INSERT ON decision_positions
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION decision_positions_tally_insert()`.execute(db);

  // Positions superseded (the only update the append-only guard lets through): take away what they counted.
  await sql`
    CREATE FUNCTION decision_positions_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- A superseded position was current, so its decision has its tallies row.
      UPDATE decision_tallies AS t SET
        blocking_count = t.blocking_count - c.blocking, joined_count = t.joined_count - c.joined, acted_count = t.acted_count - c.acted
      FROM (SELECT r.decision_id, sum((r.x).blocking) AS blocking, sum((r.x).joined) AS joined, sum((r.x).acted) AS acted
            FROM (SELECT o.decision_id, decision_position_delta(d, o.party_id, o.kind, o.recorded_at) AS x
                  FROM before_rows o JOIN after_rows n ON n.id = o.id JOIN decisions d ON d.id = o.decision_id
                  WHERE o.is_current AND NOT n.is_current) r
            GROUP BY r.decision_id) c
      WHERE t.decision_id = c.decision_id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER decision_positions_tally_update AFTER UPDATE ON decision_positions
            REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION decision_positions_tally_update()`.execute(db);

  // A decision's members or expiry changed (launch, extension): count its current positions again.
  await sql`
    CREATE FUNCTION decisions_tally_recount() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO decision_tallies AS t (decision_id, blocking_count, joined_count, acted_count)
      SELECT NEW.id, coalesce(sum((x).blocking), 0), coalesce(sum((x).joined), 0), coalesce(sum((x).acted), 0)
      FROM (SELECT decision_position_delta(NEW, p.party_id, p.kind, p.recorded_at) AS x
            FROM decision_positions p WHERE p.decision_id = NEW.id AND p.is_current) c
      ON CONFLICT (decision_id) DO UPDATE SET
        blocking_count = EXCLUDED.blocking_count, joined_count = EXCLUDED.joined_count, acted_count = EXCLUDED.acted_count;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER decisions_tally_recount AFTER UPDATE ON decisions FOR EACH ROW
            WHEN (OLD.member_party_ids IS DISTINCT FROM NEW.member_party_ids OR OLD.expires_at IS DISTINCT FROM NEW.expires_at)
            EXECUTE FUNCTION decisions_tally_recount()`.execute(db);

  // Two-factor step-ups spent on positions: a TOTP time step confirms one act of one person, once.
  await sql`
    CREATE TABLE decision_step_ups (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      step bigint NOT NULL,
      used_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, step)
    )`.execute(db);

  // The decisions already recorded.
  await sql`
    INSERT INTO decision_tallies (decision_id, blocking_count, joined_count, acted_count)
    SELECT d.id, coalesce(sum((x).blocking), 0), coalesce(sum((x).joined), 0), coalesce(sum((x).acted), 0)
    FROM decisions d LEFT JOIN LATERAL (SELECT decision_position_delta(d, p.party_id, p.kind, p.recorded_at) AS x
                                        FROM decision_positions p WHERE p.decision_id = d.id AND p.is_current) c ON true
    GROUP BY d.id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER decisions_tally_recount ON decisions`.execute(db);
  await sql`DROP TRIGGER decision_positions_tally_update ON decision_positions`.execute(db);
  await sql`DROP TRIGGER decision_positions_tally_insert ON decision_positions`.execute(db);
  await sql`DROP FUNCTION decisions_tally_recount()`.execute(db);
  await sql`DROP FUNCTION decision_positions_tally_update()`.execute(db);
  await sql`DROP FUNCTION decision_positions_tally_insert()`.execute(db);
  await sql`DROP FUNCTION decision_position_delta(decisions, uuid, text, timestamptz)`.execute(db);
  await sql`DROP TABLE decision_step_ups`.execute(db);
  await sql`DROP TABLE decision_tallies`.execute(db);
}
