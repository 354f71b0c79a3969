"""Python side of the dense Hebbian network suite: readers and plots for its HDF5 files."""
