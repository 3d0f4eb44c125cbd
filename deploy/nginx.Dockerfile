# The reverse proxy of compose.yaml: Debian's nginx with the cache-purge module that the
# page cache of deploy/nginx.conf uses (proxy_cache_purge: Wagtail purges a page when an
# editor publishes it); the official nginx image has no such module.
#   docker build -f deploy/nginx.Dockerfile -t razem-nginx deploy      (or: docker compose build)
ARG BASE=debian:bookworm-slim
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx libnginx-mod-http-cache-purge curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && rm -f /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stdout /var/log/nginx/access.log \
    && ln -sf /dev/stderr /var/log/nginx/error.log \
    && mkdir -p /var/cache/nginx && chown www-data:www-data /var/cache/nginx
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
