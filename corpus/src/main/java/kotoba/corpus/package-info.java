package kotoba.corpus;
