"""spark-submit entry point of the reprint Spark job.

    spark-submit --master 'local[2]' spark/reprint_job.py --out OUT INPUT...

The job itself is ``reprint.spark`` in the reprint wheel (built from
crates/python with maturin), which every executor must have installed:
see the README's "Spark" section for local runs and clusters.
"""

import sys

from reprint.spark import main

if __name__ == "__main__":
    sys.exit(main())
