# Helpers the benchmark scripts share (sourced).
now_ms() { date +%s%3N; }
# median of the numbers on stdin, one a line ("n/a" if none)
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
