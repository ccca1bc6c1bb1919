-- Offers proposed together share their transaction's created_at; seq keeps the order they were written in (the pause
-- first). Rows already there are numbered in the order the table holds them.
ALTER TABLE "offers" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "offers_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);