-- v0006_results_plan_order: an index that hands a run's results over in plan order, for `show` and `export`, which
-- read them a page at a time (WHERE (coalesce(point_index, 0), id) > (last read) … LIMIT n).
-- Without it each page sorted all of the run's rows again: quadratic in the run's size, and the
-- sort spilled a large run's values to disk. Partial: assertion outcomes are never read this way.
-- coalesce: a row without a plan reads as point 0, as athanor reads it.
CREATE INDEX run_results_plan_order_idx ON run_results (run_id, (coalesce(point_index, 0)), id) WHERE kind = 'point';
