"""gunicorn's settings for Ledertrivsel: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment, so systemd units, the container and
`make soak` share this one file.
"""

import multiprocessing
import os

wsgi_app = "ledertrivsel.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Sync workers: each request is short (a page, an autosave); the proxy buffers slow
# clients, so a worker is never held by a slow phone.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, so a slow leak never grows into an outage.
max_requests = 5000
max_requests_jitter = 500
preload_app = True
# Trust X-Forwarded-* only from the proxy in front.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
proc_name = "ledertrivsel"
# gunicorn's control socket defaults to one path per user, which two app servers on
# one machine would share; it is off unless a path is given.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or None
control_socket_disable = control_socket is None
