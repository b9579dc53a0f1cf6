{{/* Names and labels shared by every object. */}}
{{- define "laneway.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 50 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "laneway.labels" -}}
app.kubernetes.io/part-of: laneway
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The four services: values key, image/artifact name, Spring application name. */}}
{{- define "laneway.services" -}}
router: router-service
pool: consumer-pool-service
saga: saga-orchestrator
projection: projection-service
{{- end -}}

{{- define "laneway.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .service }}
{{- end -}}

{{- define "laneway.secretName" -}}{{ include "laneway.fullname" . }}-credentials{{- end -}}

{{- define "laneway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ .Values.serviceAccount.name | default (include "laneway.fullname" .) }}{{- else -}}{{ .Values.serviceAccount.name | default "default" }}{{- end -}}
{{- end -}}
