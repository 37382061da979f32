# Networking Coach: a small, non-root image. Students' data lives on the /data volume.
#   docker build -t networking-coach .
#   docker run --env-file .env -v coach-data:/data -p 8080:8080 networking-coach
# Polling by default; set WEBHOOK_URL (behind a reverse proxy) for webhook mode.

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-deps --require-virtualenv -r /tmp/requirements.lock

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    DATA_DIR=/data \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin coach \
    && install -d -o coach -g coach -m 0700 /data
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY bot ./bot
COPY prompts ./prompts
COPY data ./data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "bot.healthcheck"]
ENTRYPOINT ["python", "-m", "bot"]
