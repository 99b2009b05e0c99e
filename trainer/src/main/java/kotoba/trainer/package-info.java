package kotoba.trainer;
