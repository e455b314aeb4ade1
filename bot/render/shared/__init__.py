"""What every platform's renderer shares: the words, the help, times as people read them, the
CSV and the chart."""
