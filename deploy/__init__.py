"""Running the meeting pages on several servers: a throwaway PostgreSQL cluster, the nginx
configuration rendered from deploy/nginx/, and the demonstration cluster (deploy/cluster.py).
Not part of the installed package: a council's IT team reads and adapts it."""
