//! Import: CSV files into the workspace's audience.
