"""Ask the coach: free text outside any flow (and /ask), answered by Claude or the offline coach."""
