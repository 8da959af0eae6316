## WIT packages and worlds <-> component binaries (filled in by its module)
