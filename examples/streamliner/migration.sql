-- schemac migration for snowflake: 8 changes
-- Snowflake commits each statement on its own (no BEGIN/COMMIT: DDL is not transactional).
-- The script is safe to re-run: if it stops part way, fix the cause and run all of it again.
-- Except the statements marked 'once': run again after they succeeded they fail; if the
-- script stopped after one of them, plan again from the database as it is.

-- pause_pipe SALES.T1_PIPE
ALTER PIPE IF EXISTS SALES.T1_PIPE SET PIPE_EXECUTION_PAUSED = TRUE;
SET SCHEMAC_REFRESH_T1_PIPE = 'ALTER PIPE SALES.T1_PIPE REFRESH MODIFIED_AFTER = ''' || TO_VARCHAR(CURRENT_TIMESTAMP(), 'YYYY-MM-DD"T"HH24:MI:SS.FF3TZH:TZM') || '''';
EXECUTE IMMEDIATE $$
DECLARE
  pending INTEGER DEFAULT 1;
  waited INTEGER DEFAULT 0;
  not_drained EXCEPTION (-20001, 'pipe SALES.T1_PIPE still has files pending after 3600 seconds; the pipe stays paused: load or remove them, then run the script again');
BEGIN
  LOOP
    SELECT PARSE_JSON(SYSTEM$PIPE_STATUS('SALES.T1_PIPE')):pendingFileCount::INTEGER INTO :pending;
    IF (pending = 0) THEN
      RETURN 'pipe SALES.T1_PIPE drained';
    END IF;
    IF (waited >= 3600) THEN
      RAISE not_drained;
    END IF;
    CALL SYSTEM$WAIT(10);
    waited := waited + 10;
  END LOOP;
END;
$$;

-- pause_pipe SALES.T2_PIPE
ALTER PIPE IF EXISTS SALES.T2_PIPE SET PIPE_EXECUTION_PAUSED = TRUE;
SET SCHEMAC_REFRESH_T2_PIPE = 'ALTER PIPE SALES.T2_PIPE REFRESH MODIFIED_AFTER = ''' || TO_VARCHAR(CURRENT_TIMESTAMP(), 'YYYY-MM-DD"T"HH24:MI:SS.FF3TZH:TZM') || '''';
EXECUTE IMMEDIATE $$
DECLARE
  pending INTEGER DEFAULT 1;
  waited INTEGER DEFAULT 0;
  not_drained EXCEPTION (-20001, 'pipe SALES.T2_PIPE still has files pending after 3600 seconds; the pipe stays paused: load or remove them, then run the script again');
BEGIN
  LOOP
    SELECT PARSE_JSON(SYSTEM$PIPE_STATUS('SALES.T2_PIPE')):pendingFileCount::INTEGER INTO :pending;
    IF (pending = 0) THEN
      RETURN 'pipe SALES.T2_PIPE drained';
    END IF;
    IF (waited >= 3600) THEN
      RAISE not_drained;
    END IF;
    CALL SYSTEM$WAIT(10);
    waited := waited + 10;
  END LOOP;
END;
$$;

-- create_table SALES.T4
CREATE TABLE IF NOT EXISTS SALES.T4 (
    ID NUMBER(18,0) NOT NULL,
    SKU VARCHAR(64) NOT NULL
) COMMENT = 'Oracle SALES.T4';

-- add_column SALES.T1.C3
ALTER TABLE IF EXISTS SALES.T1 ADD COLUMN IF NOT EXISTS C3 VARCHAR(50);

-- alter_column SALES.T2.REGION
ALTER TABLE IF EXISTS SALES.T2 ALTER COLUMN REGION SET DATA TYPE VARCHAR(120);

-- replace_pipe SALES.T1_PIPE
CREATE OR REPLACE PIPE SALES.T1_PIPE AUTO_INGEST = TRUE AS
COPY INTO SALES.T1 (C1, C2, C3) FROM (SELECT $1::NUMBER(38,8), $2::VARCHAR(300), $3::VARCHAR(50) FROM @sales_stage/t1/) FILE_FORMAT = (TYPE = CSV);
ALTER PIPE IF EXISTS SALES.T1_PIPE SET PIPE_EXECUTION_PAUSED = FALSE;
-- once:
EXECUTE IMMEDIATE $SCHEMAC_REFRESH_T1_PIPE;

-- replace_pipe SALES.T2_PIPE
CREATE OR REPLACE PIPE SALES.T2_PIPE AUTO_INGEST = TRUE AS
COPY INTO SALES.T2 (ID, REGION, UPDATED_AT) FROM (SELECT $1:ID::NUMBER(18,0), $1:REGION::VARCHAR(120), $1:UPDATED_AT::TIMESTAMP_NTZ(9) FROM @sales_stage/t2/) FILE_FORMAT = (TYPE = PARQUET);
ALTER PIPE IF EXISTS SALES.T2_PIPE SET PIPE_EXECUTION_PAUSED = FALSE;
-- once:
EXECUTE IMMEDIATE $SCHEMAC_REFRESH_T2_PIPE;

-- create_pipe SALES.T4_PIPE
CREATE PIPE IF NOT EXISTS SALES.T4_PIPE AUTO_INGEST = TRUE AS
COPY INTO SALES.T4 (ID, SKU) FROM (SELECT $1:ID::NUMBER(18,0), $1:SKU::VARCHAR(64) FROM @sales_stage/t4/) FILE_FORMAT = (TYPE = PARQUET);
