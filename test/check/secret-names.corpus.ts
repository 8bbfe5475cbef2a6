// The corpus of real setting names the secret-name rule (lib/rules/secret-names.ts, docs/secrets.md)
// is tested on: each group names its source, the names in it that hold a secret (a literal value
// must be refused) and the names that do not (a literal value must be accepted). Names are copied
// as the source spells them; a config key is listed as its last segment would be judged.

export interface CorpusGroup {
  /** Where the names come from (a file at a commit, or a documentation page). */
  readonly source: string;
  /** Names that hold a secret. */
  readonly secret: readonly string[];
  /** Names that hold a setting about a secret, a pointer to one, or nothing secret. */
  readonly notSecret: readonly string[];
}

/** A real name the rule judges wrongly, kept so that the misjudgement is visible and counted. */
export interface KnownMisjudgement {
  readonly name: string;
  readonly source: string;
  /** What the name really holds. */
  readonly holds: 'secret' | 'not secret';
  /** Why its structure misleads. */
  readonly why: string;
}

const DOCKER_DOCS = 'docker-library/docs at c4a9ba41 (the Docker Official Images\' documentation)';
const BITNAMI = 'bitnami/containers';

export const CORPUS: readonly CorpusGroup[] = [
  {
    source: 'issue #23 (class 5): the examples',
    secret: ['DB_PASSWD', 'db-passwd', 'DB_PASSWORD'],
    notSecret: ['ALLOW_EMPTY_PASSWORD', 'SECRETS_STORE_ENABLED', 'password-min-length', 'PASSWORD_HASH_ALGORITHM', 'PASSWORD_MIN_LENGTH'],
  },
  {
    source: 'test/data/upstream-manifests: metrics-server release flags; Numaflow server env, config keys; Gateway API v1.4.1 CRD fields (test/data/gateway-api)',
    secret: [],
    notSecret: [
      'cert-dir', 'kubelet-preferred-address-types', 'kubelet-use-node-status-port', 'metric-resolution', 'secure-port',
      'NAMESPACE', 'NUMAFLOW_SERVER_ADDRESS', 'NUMAFLOW_SERVER_BASE_HREF', 'NUMAFLOW_SERVER_CORS_ALLOWED_ORIGINS',
      'NUMAFLOW_SERVER_DAEMON_CLIENT_PROTOCOL', 'NUMAFLOW_SERVER_DEX_SERVER_ADDR', 'NUMAFLOW_SERVER_DISABLE_AUTH', 'NUMAFLOW_SERVER_INSECURE',
      'NUMAFLOW_SERVER_MANAGED_NAMESPACE', 'NUMAFLOW_SERVER_NAMESPACED', 'NUMAFLOW_SERVER_PORT_NUMBER', 'NUMAFLOW_SERVER_READONLY',
      'policy.default', 'policy.scopes', 'admin.enabled', 'url', 'patterns', 'key',
    ],
  },
  {
    source: 'flyteorg/flyte at 6fadb90d: charts/flyte-binary/values.yaml and charts/flyteconnector/values.yaml keys',
    secret: ['password', 'accessKey', 'secretKey', 'secret', 'secretData'],
    notSecret: [
      'passwordPath', 'secretKeyPath', 'authType', 'externalSecretRef', 'inlineSecretRef', 'storageSecretRef', 'extraInlineSecretRefs',
      'imagePullSecrets', 'extraEnvVarsSecret', 'genAdminAuthSecret',
    ],
  },
  {
    source: 'the library\'s own names (Flyte Admin config keys and flags it derives or refuses, UPSTREAM.md)',
    secret: [
      'storage.connection.secret-key', 'storage.connection.access-key', 'clientSecret', 'auth.appAuth.thirdPartyConfig.flyteClient.clientSecret',
      'Database.Postgres.Password', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'kubelet-password', 'auth-token',
    ],
    notSecret: [
      'passwordPath', 'clientSecretLocation', 'secretName', 'auth-type', 'tokenUrl', 'secretsDir', 'authHeader', 'tokenTTL', 'keyFile',
      'cookieHashKeyFile', 'tls-private-key-file', 'tls-cert-file', 'kubeconfig', 'AUTH.CLIENTSECRET_FILE',
    ],
  },
  {
    source: `${DOCKER_DOCS}: postgres/content.md`,
    secret: ['POSTGRES_PASSWORD'],
    notSecret: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS', 'POSTGRES_INITDB_WALDIR', 'POSTGRES_HOST_AUTH_METHOD', 'PGDATA'],
  },
  {
    source: `${DOCKER_DOCS}: mysql/content.md`,
    secret: ['MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD'],
    notSecret: [
      'MYSQL_ROOT_PASSWORD_FILE', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'MYSQL_ONETIME_PASSWORD', 'MYSQL_DATABASE',
      'MYSQL_USER', 'MYSQL_ROOT_HOST', 'MYSQL_INITDB_SKIP_TZINFO',
    ],
  },
  {
    source: `${DOCKER_DOCS}: mariadb/content.md`,
    secret: ['MARIADB_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD_HASH', 'APP_DB_PASSWD'],
    notSecret: [
      'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MARIADB_RANDOM_ROOT_PASSWORD', 'MARIADB_AUTO_UPGRADE', 'MARIADB_DISABLE_UPGRADE_BACKUP',
      'MARIADB_DATABASE', 'APP_DB_USER', 'APP_DB_HOST',
    ],
  },
  {
    source: `${DOCKER_DOCS}: mongo/content.md`,
    secret: ['MONGO_INITDB_ROOT_PASSWORD'],
    notSecret: ['MONGO_INITDB_ROOT_PASSWORD_FILE', 'MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_DATABASE'],
  },
  {
    source: `${DOCKER_DOCS}: rabbitmq/content.md`,
    secret: ['RABBITMQ_DEFAULT_PASS'],
    notSecret: [
      'RABBITMQ_DEFAULT_PASS_FILE', 'RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_VHOST', 'RABBITMQ_SSL_KEYFILE', 'RABBITMQ_MANAGEMENT_SSL_KEYFILE',
      'RABBITMQ_SSL_CERTFILE', 'RABBITMQ_SSL_FAIL_IF_NO_PEER_CERT', 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS',
    ],
  },
  {
    source: `${DOCKER_DOCS}: nextcloud, wordpress, phpmyadmin, mongo-express, redmine, joomla, friendica, bonita, yourls, couchdb, clickhouse, influxdb, convertigo, monica, espocrm, silverpeas, postfixadmin, matomo, cassandra (content.md)`,
    secret: [
      'NEXTCLOUD_ADMIN_PASSWORD', 'REDIS_HOST_PASSWORD', 'SMTP_PASSWORD', 'OBJECTSTORE_S3_SECRET', 'OBJECTSTORE_SWIFT_USER_PASSWORD',
      'WORDPRESS_DB_PASSWORD', 'WORDPRESS_AUTH_KEY', 'WORDPRESS_SECURE_AUTH_KEY', 'WORDPRESS_NONCE_KEY', 'WORDPRESS_AUTH_SALT',
      'WORDPRESS_SECURE_AUTH_SALT', 'WORDPRESS_LOGGED_IN_SALT', 'WORDPRESS_NONCE_SALT',
      'PMA_PASSWORD', 'PMA_CONTROLPASS',
      'ME_CONFIG_BASICAUTH_PASSWORD', 'ME_CONFIG_MONGODB_ADMINPASSWORD', 'ME_CONFIG_MONGODB_AUTH_PASSWORD', 'ME_CONFIG_SITE_COOKIESECRET',
      'ME_CONFIG_SITE_SESSIONSECRET', 'REDMINE_DB_PASSWORD', 'REDMINE_SECRET_KEY_BASE', 'SECRET_KEY_BASE', 'JOOMLA_ADMIN_PASSWORD',
      'JOOMLA_DB_PASSWORD', 'REDIS_PW', 'SMTP_AUTH_PASS', 'BIZ_DB_PASS', 'DB_PASS', 'BONITA_RUNTIME_ADMIN_PASSWORD', 'HTTP_API_PASSWORD',
      'MONITORING_PASSWORD', 'PLATFORM_PASSWORD', 'YOURLS_DB_PASS', 'YOURLS_PASS', 'COUCHDB_PASSWORD', 'COUCHDB_SECRET', 'CLICKHOUSE_PASSWORD',
      'DOCKER_INFLUXDB_INIT_PASSWORD', 'SSL_KEY_B64', 'CONVERTIGO_ADMIN_PASSWORD', 'APP_KEY', 'DB_PASSWORD', 'ESPOCRM_ADMIN_PASSWORD',
      'ESPOCRM_DATABASE_PASSWORD', 'SILVERPEAS_ADMIN_PASSWORD', 'POSTFIXADMIN_DB_PASSWORD', 'POSTFIXADMIN_SETUP_PASSWORD',
      'MATOMO_DATABASE_PASSWORD', 'GEONETWORK_DB_PASSWORD', 'ES_PASSWORD',
    ],
    notSecret: [
      'NEXTCLOUD_ADMIN_PASSWORD_FILE', 'NEXTCLOUD_ADMIN_USER', 'OBJECTSTORE_S3_BUCKET', 'OBJECTSTORE_S3_AUTOCREATE', 'OBJECTSTORE_S3_LEGACYAUTH',
      'SMTP_AUTHTYPE', 'WORDPRESS_DB_PASSWORD_FILE', 'WORDPRESS_DB_USER', 'WORDPRESS_TABLE_PREFIX', 'PMA_PASSWORD_FILE', 'PMA_USER',
      'PMA_SSL_CA_BASE64', 'PMA_SSL_CERT', 'PMA_SSL_VERIFY', 'ME_CONFIG_MONGODB_ENABLE_ADMIN', 'ME_CONFIG_SITE_SSL_KEY_PATH',
      'ME_CONFIG_SITE_SSL_CRT_PATH', 'ME_CONFIG_BASICAUTH_USERNAME', 'REDMINE_DB_PASSWORD_FILE', 'REDMINE_NO_DB_MIGRATE', 'JOOMLA_DB_PASSWORD_FILE',
      'SMTP_AUTH', 'SMTP_AUTH_USER', 'YOURLS_DB_PASS_FILE', 'COUCHDB_USER', 'CLICKHOUSE_SKIP_USER_SETUP', 'CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT',
      'DOCKER_INFLUXDB_INIT_USERNAME', 'SSL_CERT_B64', 'COOKIE_SECURE', 'COOKIE_SAMESITE', 'COOKIE_PATH', 'ESPOCRM_ADMIN_PASSWORD_FILE',
      'ESPOCRM_DATABASE_PASSWORD_FILE', 'SMTP_AUTHENTICATION', 'CASSANDRA_NUM_TOKENS', 'PASSWORD_FILE',
    ],
  },
  {
    source: `${BITNAMI} at c33cfb71: bitnami/postgresql/18/debian-12/rootfs/opt/bitnami/scripts/postgresql-env.sh`,
    secret: [
      'POSTGRESQL_PASSWORD', 'POSTGRESQL_POSTGRES_PASSWORD', 'POSTGRESQL_REPLICATION_PASSWORD', 'POSTGRESQL_SR_CHECK_PASSWORD',
      'POSTGRESQL_INITSCRIPTS_PASSWORD', 'POSTGRESQL_LDAP_BIND_PASSWORD', 'POSTGRES_POSTGRES_PASSWORD',
    ],
    notSecret: [
      'ALLOW_EMPTY_PASSWORD', 'POSTGRESQL_PASSWORD_ENCRYPTION', 'POSTGRESQL_REPLICATION_USE_PASSFILE', 'POSTGRESQL_REPLICATION_PASSFILE_PATH',
      'POSTGRESQL_LDAP_BIND_USE_PASSFILE', 'POSTGRESQL_LDAP_BIND_PASSFILE_PATH', 'POSTGRESQL_TLS_KEY_FILE', 'POSTGRESQL_ENABLE_TLS',
      'POSTGRESQL_PGHBA_AUTH_METHOD', 'POSTGRESQL_USERNAME_CONNECTION_LIMIT', 'POSTGRESQL_SR_CHECK_USERNAME', 'POSTGRESQL_LDAP_BIND_DN',
      'POSTGRESQL_PASSWORD_FILE',
    ],
  },
  {
    source: `${BITNAMI} at 92f68f2a: bitnami/mysql/8.0/debian-12/rootfs/opt/bitnami/scripts/mysql-env.sh`,
    secret: ['MYSQL_ROOT_PASSWORD', 'MYSQL_MASTER_ROOT_PASSWORD', 'MYSQL_REPLICATION_PASSWORD', 'DB_ROOT_PASSWORD', 'DB_REPLICATION_PASSWORD'],
    notSecret: ['ALLOW_EMPTY_PASSWORD', 'MYSQL_AUTHENTICATION_PLUGIN', 'MYSQL_CLIENT_ENABLE_SSL', 'MYSQL_CLIENT_SSL_KEY_FILE', 'MYSQL_ROOT_USER'],
  },
  {
    source: `${BITNAMI} at 19bf07dd: bitnami/redis/7.4/debian-12/rootfs/opt/bitnami/scripts/redis-env.sh`,
    secret: ['REDIS_PASSWORD', 'REDIS_MASTER_PASSWORD', 'REDIS_REQUIREPASS', 'REDIS_TLS_KEY_FILE_PASS'],
    notSecret: [
      'ALLOW_EMPTY_PASSWORD', 'REDIS_ACLFILE', 'REDIS_TLS_KEY_FILE', 'REDIS_TLS_AUTH_CLIENTS', 'REDIS_RDB_POLICY', 'REDIS_RDB_POLICY_DISABLED',
      'REDIS_DISABLE_COMMANDS', 'REDIS_TLS_ENABLED', 'REDIS_SENTINEL_MASTER_NAME',
    ],
  },
  {
    source: `${BITNAMI} at 4fe538c5: bitnami/mongodb/8.0/debian-12/rootfs/opt/bitnami/scripts/mongodb-env.sh`,
    secret: ['MONGODB_ROOT_PASSWORD', 'MONGODB_PASSWORD', 'MONGODB_METRICS_PASSWORD', 'MONGODB_EXTRA_PASSWORDS', 'MONGODB_INITIAL_PRIMARY_ROOT_PASSWORD'],
    notSecret: ['ALLOW_EMPTY_PASSWORD', 'MONGODB_DISABLE_ENFORCE_AUTH', 'MONGODB_EXTRA_USERNAMES', 'MONGODB_KEY_FILE', 'MONGODB_REPLICA_SET_NAME'],
  },
  {
    source: `${BITNAMI} at a9bc104c: bitnami/rabbitmq/4.1/debian-12/rootfs/opt/bitnami/scripts/rabbitmq-env.sh`,
    secret: ['RABBITMQ_PASSWORD', 'RABBITMQ_ERL_COOKIE', 'RABBITMQ_ERLANG_COOKIE', 'RABBITMQ_SSL_PASSWORD', 'RABBITMQ_MANAGEMENT_SSL_PASSWORD'],
    notSecret: ['RABBITMQ_UPDATE_PASSWORD', 'RABBITMQ_SSL_KEY_FILE', 'RABBITMQ_COMBINED_CERT_PATH', 'RABBITMQ_USERNAME', 'RABBITMQ_LOAD_DEFINITIONS'],
  },
  {
    source: `${BITNAMI} at 353e737b: bitnami/minio/2026/debian-12/rootfs/opt/bitnami/scripts/minio-env.sh; min.io docs (KES and OpenID settings pages)`,
    secret: ['MINIO_ROOT_PASSWORD', 'MINIO_SERVER_ROOT_PASSWORD', 'MINIO_ACCESS_KEY', 'MINIO_SECRET_KEY', 'MINIO_KMS_SECRET_KEY', 'MINIO_IDENTITY_OPENID_CLIENT_SECRET', 'CONSOLE_SECRET_KEY', 'accesskey', 'secretkey'],
    notSecret: ['MINIO_FORCE_NEW_KEYS', 'MINIO_ROOT_USER', 'MINIO_SECRETS_DIR', 'MINIO_KMS_KES_KEY_FILE', 'MINIO_KMS_KES_CERT_FILE', 'MINIO_KMS_KES_KEY_NAME', 'MINIO_SKIP_CLIENT'],
  },
  {
    source: `${BITNAMI} at 2144d630: bitnami/keycloak/26/debian-12/rootfs/opt/bitnami/scripts/keycloak-env.sh`,
    secret: [
      'KEYCLOAK_ADMIN_PASSWORD', 'KEYCLOAK_BOOTSTRAP_ADMIN_PASSWORD', 'KC_BOOTSTRAP_ADMIN_PASSWORD', 'KEYCLOAK_HTTPS_TRUST_STORE_PASSWORD',
      'KEYCLOAK_HTTPS_KEY_STORE_PASSWORD', 'KC_HTTPS_KEY_STORE_PASSWORD', 'KC_SPI_TRUSTSTORE_PASSWORD', 'KEYCLOAK_DATABASE_PASSWORD',
    ],
    notSecret: [
      'KEYCLOAK_ADMIN', 'KEYCLOAK_ADMIN_USER', 'KEYCLOAK_HTTPS_KEY_STORE_FILE', 'KEYCLOAK_HTTPS_USE_PEM', 'KEYCLOAK_HTTPS_CERTIFICATE_KEY_FILE',
      'KC_HTTPS_CERTIFICATE_KEY_FILE', 'KC_SPI_TRUSTSTORE_FILE_HOSTNAME_VERIFICATION_POLICY', 'KEYCLOAK_ENABLE_HTTPS', 'KC_HEALTH_ENABLED',
    ],
  },
  {
    source: 'grafana/grafana at 002060fd: conf/defaults.ini, as GF_<SECTION>_<KEY> environment variables',
    secret: [
      'GF_SECURITY_ADMIN_PASSWORD', 'GF_SECURITY_SECRET_KEY', 'GF_DATABASE_PASSWORD', 'GF_SMTP_PASSWORD', 'GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET',
      'GF_AUTH_GITHUB_CLIENT_SECRET', 'GF_LOG_FRONTEND_API_KEY',
    ],
    notSecret: [
      'GF_SECURITY_ADMIN_PASSWORD__FILE', 'GF_USERS_PASSWORD_HINT', 'GF_AUTH_TOKEN_ROTATION_INTERVAL_MINUTES', 'GF_AUTH_API_KEY_MAX_SECONDS_TO_LIVE',
      'GF_AUTH_GITHUB_TOKEN_URL', 'GF_AUTH_GENERIC_OAUTH_TLS_CLIENT_KEY', 'GF_AUTH_JWT_KEY_FILE', 'GF_SMTP_KEY_FILE', 'GF_QUOTA_ORG_API_KEY',
      'GF_QUOTA_GLOBAL_API_KEY', 'GF_AUTH_PROXY_ENABLE_LOGIN_TOKEN', 'GF_AUTH_GENERIC_OAUTH_ID_TOKEN_ATTRIBUTE_NAME', 'GF_AUTH_OAUTH_STATE_COOKIE_MAX_AGE',
      'GF_AUTH_LOGIN_COOKIE_NAME', 'GF_AUTH_DISABLE_LOGIN_FORM', 'GF_AUTH_BASIC_PASSWORD_POLICY', 'GF_AUTH_GENERIC_OAUTH_USE_PKCE',
    ],
  },
  {
    source: 'airflow.apache.org: Setting Configuration Options (the _cmd and _secret variants), as AIRFLOW__<SECTION>__<KEY>',
    secret: [
      'AIRFLOW__CORE__FERNET_KEY', 'AIRFLOW__WEBSERVER__SECRET_KEY', 'AIRFLOW__ATLAS__PASSWORD', 'AIRFLOW__SMTP__SMTP_PASSWORD',
      'AIRFLOW__LDAP__BIND_PASSWORD', '_AIRFLOW_WWW_USER_PASSWORD',
    ],
    notSecret: [
      'AIRFLOW__CORE__FERNET_KEY_CMD', 'AIRFLOW__CORE__FERNET_KEY_SECRET', 'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET', 'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD',
      'AIRFLOW__SMTP__SMTP_PASSWORD_SECRET', 'AIRFLOW__SMTP__SMTP_PASSWORD_CMD', 'AIRFLOW__WEBSERVER__SECRET_KEY_CMD', 'AIRFLOW__CELERY__BROKER_URL_SECRET',
      '_AIRFLOW_WWW_USER_USERNAME',
    ],
  },
  {
    source: 'distribution (the registry image): configuration by REGISTRY_<SECTION>_<KEY> environment variables, as its users set them',
    secret: ['REGISTRY_HTTP_SECRET'],
    notSecret: ['REGISTRY_HTTP_TLS_KEY', 'REGISTRY_HTTP_TLS_CERTIFICATE', 'REGISTRY_AUTH_HTPASSWD_PATH', 'REGISTRY_AUTH_HTPASSWD_REALM', 'REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE'],
  },
  {
    source: 'conventions: POSIX shell variables, libpq (PostgreSQL client) environment, Google Application Default Credentials, model servers (vLLM flags, Hugging Face env)',
    secret: ['PGPASSWORD', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'api-key', 'VLLM_API_KEY', 'OPENAI_API_KEY'],
    notSecret: [
      'PWD', 'OLDPWD', 'PGPASSFILE', 'PGSSLKEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'max-num-batched-tokens', 'max_tokens', 'tokenizer',
      'tokenizer-mode', 'skip-tokenizer-init', 'eos_token', 'pad_token',
    ],
  },
];

export const KNOWN_MISJUDGED: readonly KnownMisjudgement[] = [
  { name: 'WORDPRESS_LOGGED_IN_KEY', source: `${DOCKER_DOCS}: wordpress`, holds: 'secret', why: 'a `key` qualified by "logged in", a phrase no rule can tell from `sortKey`\'s qualifiers' },
  { name: 'OBJECTSTORE_S3_KEY', source: `${DOCKER_DOCS}: nextcloud`, holds: 'secret', why: 'an S3 key is an access key here, an object\'s path elsewhere' },
  { name: 'OBJECTSTORE_S3_SSE_C_KEY', source: `${DOCKER_DOCS}: nextcloud`, holds: 'secret', why: 'the qualifier of `key` is the letter C (SSE-C)' },
  { name: 'MONGODB_REPLICA_SET_KEY', source: `${BITNAMI}: mongodb`, holds: 'secret', why: 'a replica set\'s key file content; "set key" reads as a verb phrase' },
  { name: 'NEO4J_AUTH', source: `${DOCKER_DOCS}: neo4j`, holds: 'secret', why: '`user/password` under the name `auth`, which elsewhere holds a method or a switch' },
  { name: 'AIRFLOW__CELERY__FLOWER_BASIC_AUTH', source: 'airflow.apache.org: Setting Configuration Options', holds: 'secret', why: '`user:password` pairs under the name `auth`' },
  { name: 'MINIO_HSM_KMS_KEY', source: 'min.io docs: MinIO KMS settings', holds: 'secret', why: 'a KMS key is an identifier (an ARN) elsewhere' },
  { name: 'key', source: 'flyteorg/flyte charts/flyte-binary/values.yaml (storage.providerConfig.azure.key)', holds: 'secret', why: 'a bare `key` is a selector\'s or a Secret\'s key name everywhere else' },
  { name: 'PMA_SSL_KEY', source: `${DOCKER_DOCS}: phpmyadmin`, holds: 'secret', why: 'a bare TLS key holds a path as often (REGISTRY_HTTP_TLS_KEY); phpMyAdmin\'s holds the key' },
  { name: 'PMA_SSL_KEYS', source: `${DOCKER_DOCS}: phpmyadmin`, holds: 'secret', why: 'as PMA_SSL_KEY' },
  { name: 'RABBITMQ_SECURE_PASSWORD', source: `${BITNAMI}: rabbitmq`, holds: 'not secret', why: 'a yes/no switch named like a password that is secure' },
];
