{{/* Release-wide name, at most 40 characters so that "<name>-coordinator-headless" stays a DNS label. */}}
{{- define "cell0.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cell0.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "coordinator") */}}
{{- define "cell0.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "cell0.coordinator" -}}{{ include "cell0.fullname" . }}-coordinator{{- end -}}
{{- define "cell0.headless" -}}{{ include "cell0.fullname" . }}-coordinator-headless{{- end -}}

{{/* DNS name of coordinator pod i: (dict "root" $ "i" 0) */}}
{{- define "cell0.peerHost" -}}
{{- printf "%s-%d.%s.%s.svc.%s" (include "cell0.coordinator" .root) (int .i) (include "cell0.headless" .root) .root.Release.Namespace .root.Values.clusterDomain -}}
{{- end -}}

{{/* federation.bootstrap: one id@host:raft-port per replica; the node id is the pod name. */}}
{{- define "cell0.bootstrap" -}}
{{- range $i := until (int .Values.coordinator.replicas) }}
- {{ printf "%s-%d@%s:%d" (include "cell0.coordinator" $) $i (include "cell0.peerHost" (dict "root" $ "i" $i)) (int $.Values.coordinator.ports.raft) | quote }}
{{- end -}}
{{- end -}}

{{/* Coordinator REST URLs for the services, comma-separated. */}}
{{- define "cell0.coordinatorUrls" -}}
{{- $scheme := ternary "https" "http" .Values.tls.enabled -}}
{{- $urls := list -}}
{{- range $i := until (int .Values.coordinator.replicas) -}}
{{- $urls = append $urls (printf "%s://%s:%d" $scheme (include "cell0.peerHost" (dict "root" $ "i" $i)) (int $.Values.coordinator.ports.api)) -}}
{{- end -}}
{{- join "," $urls -}}
{{- end -}}

{{- define "cell0.image" -}}
{{- printf "%s%s:%s" .root.Values.image.registry .image.repository .image.tag -}}
{{- end -}}

{{/* Secret names: the hook's, or the user's. */}}
{{- define "cell0.secret" -}}
{{- $given := get .root.Values.tls.existingSecret .which -}}
{{- if and (eq .root.Values.tls.source "existingSecret") $given -}}
{{- $given -}}
{{- else -}}
{{- printf "%s-%s-tls" (include "cell0.fullname" .root) .which -}}
{{- end -}}
{{- end -}}

{{/* Pod and container security settings shared by every workload. */}}
{{- define "cell0.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "cell0.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* Startup, liveness and readiness probes on Actuator's groups, management port (plain HTTP). */}}
{{- define "cell0.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: management}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/* Environment every Spring Boot service gets: API port, separate plain management port. */}}
{{- define "cell0.springEnv" -}}
- name: SERVER_PORT
  value: {{ .port | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ .management | quote }}
- name: MANAGEMENT_SERVER_SSL_ENABLED
  value: "false"
{{- if .javaOpts }}
- name: JAVA_OPTS
  value: {{ .javaOpts | quote }}
{{- end }}
{{- end -}}

{{/* ROLE:DIR:DNS entries for cell0-pki-init (deploy/docker/pki-init.sh): every coordinator pod, then the services. */}}
{{- define "cell0.pkiIssue" -}}
{{- $coord := include "cell0.coordinator" . -}}
{{- $entries := list -}}
{{- range $i := until (int .Values.coordinator.replicas) -}}
{{- $pod := printf "%s-%d" $coord $i -}}
{{- $dns := list (include "cell0.peerHost" (dict "root" $ "i" $i)) (printf "%s.%s" $pod (include "cell0.headless" $)) (printf "%s.%s.svc" $coord $.Release.Namespace) $coord "localhost" -}}
{{- $entries = append $entries (printf "node:coordinators/%s:%s" $pod (join "," $dns)) -}}
{{- end -}}
{{- range $component := list "scheduler" "migration" -}}
{{- $svc := printf "%s-%s" (include "cell0.fullname" $) $component -}}
{{- $entries = append $entries (printf "%s:%s:%s.%s.svc,%s,localhost" $component $component $svc $.Release.Namespace $svc) -}}
{{- end -}}
{{- join " " $entries -}}
{{- end -}}
