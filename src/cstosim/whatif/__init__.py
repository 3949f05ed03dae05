"""What-if exploration: compare variants, sweep seeds (local or Dask), explore every profile."""
