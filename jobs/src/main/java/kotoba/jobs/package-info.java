package kotoba.jobs;
